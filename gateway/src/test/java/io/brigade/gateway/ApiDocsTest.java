package io.brigade.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway merges the services' OpenAPI descriptions into one and serves Swagger UI on it, without a token; a
 * service that does not answer is named instead of breaking the page.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiDocsTest {

    /** The parts of two services' descriptions that matter here, as springdoc writes them. */
    static final DisposableServer ORDERS = describing("""
            {"openapi":"3.0.1","paths":{"/api/v1/orders":{"post":{"operationId":"open","tags":["order-controller"]}},
             "/api/v1/orders/{id}/send":{"post":{"operationId":"send"}}},
             "components":{"schemas":{"OpenRequest":{"type":"object"}}}}""");
    static final DisposableServer VIEWS = describing("""
            {"openapi":"3.0.1","paths":{"/api/v1/orders":{"get":{"operationId":"orders"}},
             "/api/v1/menu":{"get":{"operationId":"menu"}}},
             "components":{"schemas":{"OrderView":{"type":"object"}}}}""");
    static final String NOTHING_LISTENS = "http://localhost:9";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("brigade.gateway.services.order", () -> "http://localhost:" + ORDERS.port());
        registry.add("brigade.gateway.services.catalog", () -> "http://localhost:" + VIEWS.port());
        for (String absent : List.of("auth", "kitchen", "billing", "reporting")) {
            registry.add("brigade.gateway.services." + absent, () -> NOTHING_LISTENS);
        }
    }

    @AfterAll
    static void stop() {
        ORDERS.disposeNow();
        VIEWS.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void theMergedDescriptionHasEveryServicesPaths_bothMethodsOfASharedPath_andNamesTheServicesThatDidNotAnswer()
            throws Exception {
        var response = ApiClient.at("http://localhost:" + port).get(ApiDocs.MERGED);
        assertThat(response.status()).isEqualTo(200);
        JsonNode merged = response.body();

        assertThat(merged.path("paths").path("/api/v1/orders").has("get")).isTrue();
        assertThat(merged.path("paths").path("/api/v1/orders").has("post")).isTrue();
        assertThat(merged.path("paths").has("/api/v1/orders/{id}/send")).isTrue();
        assertThat(merged.path("paths").has("/api/v1/menu")).isTrue();
        assertThat(merged.path("components").path("schemas").has("OpenRequest")).isTrue();
        assertThat(merged.path("components").path("schemas").has("OrderView")).isTrue();
        assertThat(merged.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(merged.path("servers").get(0).path("url").asText()).isEqualTo("/");
        assertThat(merged.path("info").path("description").asText())
                .contains("Not reachable now: auth-service, kitchen-command, billing-command, reporting-projection.")
                .doesNotContain("order-command", "catalog-query");
    }

    @Test
    void swaggerUiOpensAtApiDocsWithoutAToken_onTheMergedDescription_whileTheApiStillNeedsOne() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/docs")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.uri().toString()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains("swagger-ui");

        var settings = ApiClient.at("http://localhost:" + port).get("/api/docs/gateway/swagger-config");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().path("urls").findValuesAsText("url")).contains(ApiDocs.MERGED);

        assertThat(ApiClient.at("http://localhost:" + port).get("/api/v1/orders").status()).isEqualTo(401);
    }

    private static DisposableServer describing(String document) {
        String compact;
        try {
            compact = new ObjectMapper().readTree(document).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return HttpServer.create().port(0).route(routes -> routes.get("/v3/api-docs", (request, response) ->
                response.header("Content-Type", "application/json").sendString(Mono.just(compact)))).bindNow();
    }
}
