package io.brigade.gateway;

import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.RawHttp;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** What the gateway refuses itself, or cannot forward, is answered as problem+json and never reaches a service. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRefusalsTest {

    static final StubService SERVICES = new StubService("every-service");
    /** A service killed while it held the request: the connection closes with no answer at all. */
    static final ServerSocket HANGS_UP = hangingUp();

    @DynamicPropertySource
    static void servicesAreOneStub_andReportingIsDown(DynamicPropertyRegistry registry) {
        for (String service : new String[]{"auth", "order", "kitchen", "billing"}) {
            registry.add("brigade.gateway.services." + service, SERVICES::url);
        }
        registry.add("brigade.gateway.services.catalog", () -> "http://localhost:" + HANGS_UP.getLocalPort());
        registry.add("brigade.gateway.services.reporting", () -> "http://localhost:" + closedPort());
    }

    @AfterAll
    static void stopStub() {
        SERVICES.close();
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "GET /api/v1/orders/%2f/lines HTTP/1.1",
            "GET /api/v1/orders/../tables HTTP/1.1",
            "GET /api/v1/orders/%00 HTTP/1.1",
            "GET /api/v1/orders;x=1 HTTP/1.1",
            "GET /api/v1/orders/%ff HTTP/1.1",
            "GET /api/v1/orders//x HTTP/1.1",
            "GET /api/v1/orders/%5c HTTP/1.1",
            "GET /api/v1/orders?status=%zz HTTP/1.1",
            "GET /api/v1/orders?status=% HTTP/1.1",
            "GET /api/v1/orders/%zz HTTP/1.1",
            "TRACE /api/v1/orders HTTP/1.1",
            "BREW /api/v1/orders HTTP/1.1",
            "CONNECT localhost:80 HTTP/1.1"
    })
    void anAddressOrMethodTheGatewayWillNotPassIsAProblem(String requestLine) throws IOException {
        int before = SERVICES.requests.get();

        String answer = raw(requestLine);

        int status = Integer.parseInt(answer.substring(9, 12));
        assertThat(status).as(answer).isBetween(400, 499);
        assertThat(answer.toLowerCase()).as(answer).contains("content-type: application/problem+json");
        assertThat(answer).contains("\"status\":" + status);
        assertThat(SERVICES.requests.get()).isEqualTo(before);
    }

    @Test
    void aMethodNothingAnswersIs405WithTheMethodsThatAre() throws IOException {
        String answer = raw("TRACE /api/v1/orders HTTP/1.1");

        assertThat(answer).startsWith("HTTP/1.1 405");
        assertThat(answer.toLowerCase()).contains("allow: ");
    }

    @Test
    void anAddressLongerThan8KbIs414AsAProblem() throws IOException {
        String answer = raw("GET /api/v1/orders/" + "a".repeat(9000) + " HTTP/1.1");

        assertThat(answer).startsWith("HTTP/1.1 414");
        assertThat(answer.toLowerCase()).contains("content-type: application/problem+json");
    }

    @Test
    void aServiceThatIsDownIs503AsAProblem_notA500() {
        var response = ApiClient.at("http://localhost:" + port).as("marco", "MANAGER")
                .get("/api/v1/reports/sales?groupBy=day");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("detail")).contains("/api/v1/reports/sales");
        assertThat(response.header("Retry-After")).isNotNull();
    }

    @Test
    void aServiceThatDiesHoldingTheRequestIs502AsAProblem_notA500() {
        var response = ApiClient.at("http://localhost:" + port).as("marco", "MANAGER").get("/api/v1/menu");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("detail")).contains("/api/v1/menu");
    }

    @Test
    void anAddressNoServiceOwnsIs404AsAProblem() {
        var response = ApiClient.at("http://localhost:" + port).as("marco", "MANAGER").get("/api/v1/nothing-here");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private String raw(String requestLine) throws IOException {
        return RawHttp.send(port, requestLine, TestTokens.accessToken("wendy", "STAFF"));
    }

    private static ServerSocket hangingUp() {
        try {
            ServerSocket server = new ServerSocket(0);
            Thread thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket connection = server.accept()) {
                        connection.getInputStream().read(new byte[8192]);
                        connection.setSoLinger(true, 0);
                    } catch (IOException e) {
                        // closed with the test class
                    }
                }
            }, "hanging-up-service");
            thread.setDaemon(true);
            thread.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
