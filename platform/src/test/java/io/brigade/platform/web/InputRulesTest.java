package io.brigade.platform.web;

import io.brigade.contracts.common.TextRules;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.RawHttp;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service refuses bad input at its edge, with a problem+json 4xx naming the field, before any handler runs. */
@ServiceIntegrationTest
class InputRulesTest {

    static final String ITEM = "\"itemId\":\"6f1c1c1e-7d4b-4a55-9a3b-0c1f2e3d4a5b\"";

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.at("http://localhost:" + port).as("wendy", "STAFF");
    }

    @Test
    void aValidBodyIsBound() {
        var response = api.postRaw("/api/v1/echo", "{" + ITEM + ",\"quantity\":2,\"notes\":\"no salt\\n\\tplease\","
                + "\"method\":\"CARD\",\"urgent\":true}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("notes")).isEqualTo("no salt\n\tplease");
        assertThat(response.text("method")).isEqualTo("CARD");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "{ITEM,\"quantity\":2,\"quantity\":3}",
            "{ITEM,\"quantity\":2} garbage",
            "{ITEM,\"quantity\":2}{\"quantity\":1}",
            "{ITEM,\"quantity\":1.5}",
            "{ITEM,\"quantity\":2.0}",
            "{ITEM,\"quantity\":\"2\"}",
            "{ITEM,\"quantity\":true}",
            "{ITEM,\"quantity\":99999999999999999999}",
            "{ITEM,\"quantity\":2,\"method\":0}",
            "{ITEM,\"quantity\":2,\"method\":\"BITCOIN\"}",
            "{ITEM,\"quantity\":2,\"method\":\"CASH\\u0000\"}",
            "{ITEM,\"quantity\":2,\"method\":\" CASH\"}",
            "{ITEM,\"quantity\":2,\"notes\":\"no\\u0000salt\"}",
            "{ITEM,\"quantity\":2,\"notes\":\"bell\\u0007\"}",
            "{ITEM,\"quantity\":2,\"notes\":\"\\udc00\"}",
            "{ITEM,\"quantity\":2,\"notes\":\"\\ud800x\"}",
            "{ITEM,\"quantity\":2,\"notes\":12}",
            "{ITEM,\"quantity\":2,\"notes\":[\"a\"]}",
            "{ITEM,\"quantity\":2,\"colour\":\"red\"}",
            "{ITEM,\"quantity\":2,\"no\\u0000te\":\"x\"}",
            "{ITEM,\"quantity\":2,\"urgent\":1}",
            "{ITEM,\"quantity\":2,\"urgent\":null}",
            "{ITEM,\"quantity\":2,\"modifierIds\":\"6f1c1c1e-7d4b-4a55-9a3b-0c1f2e3d4a5b\"}",
            "{ITEM,\"quantity\":2,\"modifierIds\":[null]}",
            "{\"itemId\":\"00000000-0000-0000-0000-000000000000\",\"quantity\":2}",
            "{\"itemId\":\"6f1c1c1e-7d4b-4a55-9a3b-0c1f2e3d4a5b\\u0000\",\"quantity\":2}",
            "{\"itemId\":\"1-1-1-1-1\",\"quantity\":2}",
            "{\"itemId\":\"\",\"quantity\":2}",
            "{\"itemId\":12,\"quantity\":2}",
            "{\"quantity\":2}",
            "{ITEM,\"quantity\":0}",
            "{ITEM,\"quantity\":-1}",
            "{ITEM,\"quantity\":2",
            "[]",
            "\"text\"",
            "null",
            ""
    })
    void aBodyThatIsNotStrictJsonOfTheRightShapeIs400(String body) {
        var response = api.postRaw("/api/v1/echo", body.replace("ITEM", ITEM));

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.raw()).doesNotContain("java.", "com.fasterxml", "Exception", "io.brigade");
    }

    @Test
    void theProblemNamesTheFieldAndSaysWhy() {
        var nul = api.postRaw("/api/v1/echo", "{" + ITEM + ",\"quantity\":2,\"notes\":\"no\\u0000salt\"}");
        assertThat(nul.body().at("/errors/0/field").asText()).isEqualTo("notes");
        assertThat(nul.body().at("/errors/0/message").asText()).contains("control character");

        var twice = api.postRaw("/api/v1/echo", "{" + ITEM + ",\"quantity\":2,\"quantity\":3}");
        assertThat(twice.body().at("/errors/0/field").asText()).isEqualTo("quantity");
        assertThat(twice.body().at("/errors/0/message").asText()).isEqualTo("is given twice");

        var fraction = api.postRaw("/api/v1/echo", "{" + ITEM + ",\"quantity\":1.5}");
        assertThat(fraction.body().at("/errors/0/field").asText()).isEqualTo("quantity");
        assertThat(fraction.body().at("/errors/0/message").asText()).contains("whole number");

        var method = api.postRaw("/api/v1/echo", "{" + ITEM + ",\"quantity\":2,\"method\":\"BITCOIN\"}");
        assertThat(method.body().at("/errors/0/field").asText()).isEqualTo("method");
        assertThat(method.body().at("/errors/0/message").asText()).isEqualTo("must be one of CASH, CARD");

        var nil = api.postRaw("/api/v1/echo", "{\"itemId\":\"00000000-0000-0000-0000-000000000000\",\"quantity\":2}");
        assertThat(nil.body().at("/errors/0/field").asText()).isEqualTo("itemId");
    }

    @Test
    void aTextLongerThanAnyFieldAllowsIsRefusedEvenWhereNoLimitWasSet() {
        var response = api.get("/api/v1/echo?q=" + "a".repeat(TextRules.MAX_LENGTH + 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/errors/0/field").asText()).isEqualTo("q");
    }

    @Test
    void aQueryWithAControlCharacterIs400() {
        assertThat(api.get("/api/v1/echo?q=a%00b").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/echo?q=a%07b").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/echo?q=caf%C3%A9").status()).isEqualTo(200);
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsAnnouncedOrNot() throws Exception {
        String big = "{" + ITEM + ",\"quantity\":2,\"notes\":\"" + "x".repeat(70_000) + "\"}";
        var announced = api.postRaw("/api/v1/echo", big);
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.contentType()).startsWith("application/problem+json");

        HttpResponse<String> streamed = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + port + "/api/v1/echo"))
                .header("Authorization", "Bearer " + TestTokens.accessToken("wendy", "STAFF"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aBodyThatIsNotJsonIs415AndAMethodTheAddressDoesNotAnswerIs405() throws Exception {
        HttpResponse<String> text = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + port + "/api/v1/echo"))
                .header("Authorization", "Bearer " + TestTokens.accessToken("wendy", "STAFF"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        var delete = api.delete("/api/v1/echo");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /api/v1/echo%ff HTTP/1.1",
            "GET /api/v1/%2f/echo HTTP/1.1",
            "GET /api/v1/../v1/echo HTTP/1.1",
            "GET /api/v1/echo%00 HTTP/1.1",
            "GET /api/v1/echo;x=1 HTTP/1.1",
            "GET /api/v1/echo?q=%ff HTTP/1.1",
            "TRACE /api/v1/echo HTTP/1.1",
            "BREW /api/v1/echo HTTP/1.1"
    })
    void whatTheServerRefusesBeforeAnyControllerIsAProblemToo(String requestLine) throws IOException {
        String answer = raw(requestLine);

        int status = Integer.parseInt(answer.substring(9, 12));
        assertThat(status).as(answer).isBetween(400, 499);
        assertThat(answer.toLowerCase()).as(answer).contains("content-type: application/problem+json");
        assertThat(answer).doesNotContain("<html", "Exception", "Tomcat");
    }

    private String raw(String requestLine) throws IOException {
        return RawHttp.send(port, requestLine, TestTokens.accessToken("wendy", "STAFF"));
    }
}
