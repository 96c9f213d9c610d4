package io.brigade.gateway;

import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TamperedTokens;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "brigade.gateway.rate-limit.per-user-per-second=2",
                "brigade.gateway.rate-limit.per-user-burst=10",
                "brigade.gateway.cors.allowed-origins=http://localhost:19006"})
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability
class GatewayTest {

    static final Map<String, StubService> SERVICES = Map.of(
            "auth", new StubService("auth-service"),
            "order", new StubService("order-command"),
            "kitchen", new StubService("kitchen-command"),
            "billing", new StubService("billing-command"),
            "catalog", new StubService("catalog-query"),
            "reporting", new StubService("reporting-projection"));

    @DynamicPropertySource
    static void servicesAreTheStubs(DynamicPropertyRegistry registry) {
        SERVICES.forEach((key, stub) -> registry.add("brigade.gateway.services." + key, stub::url));
    }

    @AfterAll
    static void stopStubs() {
        SERVICES.values().forEach(StubService::close);
    }

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.at("http://localhost:" + port);
    }

    /** A caller of its own, so the per-user rate limit of one test does not touch another. */
    private ApiClient someone(String role) {
        return api.as("user-" + UUID.randomUUID(), role);
    }

    record Route(String method, String path, String service) {
    }

    static final List<Route> ROUTES = List.of(
            new Route("GET", "/api/v1/auth/profile", "auth-service"),
            new Route("POST", "/api/v1/auth/register", "auth-service"),
            new Route("PATCH", "/api/v1/auth/users/42", "auth-service"),
            new Route("POST", "/api/v1/orders", "order-command"),
            new Route("POST", "/api/v1/orders/1/lines", "order-command"),
            new Route("DELETE", "/api/v1/orders/1/lines/2", "order-command"),
            new Route("POST", "/api/v1/orders/1/send", "order-command"),
            new Route("GET", "/api/v1/orders?status=OPEN", "catalog-query"),
            new Route("GET", "/api/v1/orders/1", "catalog-query"),
            new Route("POST", "/api/v1/kitchen/tickets/1/bump", "kitchen-command"),
            new Route("GET", "/api/v1/kitchen/board?station=grill", "catalog-query"),
            new Route("POST", "/api/v1/billing/bills/1/payments", "billing-command"),
            new Route("GET", "/api/v1/bills/1", "catalog-query"),
            new Route("GET", "/api/v1/bills?orderId=1", "catalog-query"),
            new Route("GET", "/api/v1/menu", "catalog-query"),
            new Route("POST", "/api/v1/menu/items", "catalog-query"),
            new Route("PUT", "/api/v1/menu/items/1", "catalog-query"),
            new Route("GET", "/api/v1/tables", "catalog-query"),
            new Route("GET", "/api/v1/tables/1/qr", "catalog-query"),
            new Route("GET", "/api/v1/settings", "catalog-query"),
            new Route("GET", "/api/v1/floor", "catalog-query"),
            new Route("GET", "/api/v1/reports/sales?groupBy=day", "reporting-projection"),
            new Route("POST", "/api/v1/reports/replay", "reporting-projection"),
            new Route("GET", "/api/v1/audit/orders/1/events", "order-command"),
            new Route("GET", "/api/v1/audit/tickets/1/verify", "kitchen-command"),
            new Route("GET", "/api/v1/audit/bills/1/events", "billing-command"),
            new Route("GET", "/api/v1/audit/catalog/1/verify", "catalog-query"),
            new Route("GET", "/api/v1/audit/events?page=0", "reporting-projection"),
            new Route("GET", "/api/v1/audit/export?aggregateId=1", "reporting-projection"),
            new Route("GET", "/api/v1/audit/checkpoints?service=order-command", "reporting-projection"),
            new Route("GET", "/api/v1/audit/orders/1/export", "order-command"),
            new Route("GET", "/api/v1/audit/bills/checkpoints", "billing-command"));

    @TestFactory
    Stream<DynamicTest> everyPathOfTheApiReachesTheServiceThatOwnsItUnrewrittenWithTheTokenPassedOn() {
        return ROUTES.stream().map(route -> DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> {
            String token = TestTokens.accessToken("user-" + UUID.randomUUID(), "ADMIN");
            ApiClient.Response response = switch (route.method()) {
                case "GET" -> api.withBearer(token).get(route.path());
                case "POST" -> api.withBearer(token).post(route.path(), Map.of());
                case "PUT" -> api.withBearer(token).put(route.path(), Map.of());
                case "PATCH" -> api.withBearer(token).patch(route.path(), Map.of());
                default -> api.withBearer(token).delete(route.path());
            };
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            assertThat(response.text("service")).isEqualTo(route.service());
            assertThat(response.text("method")).isEqualTo(route.method());
            assertThat(response.text("path")).isEqualTo(route.path());
            assertThat(response.text("authorization")).isEqualTo("Bearer " + token);
        }));
    }

    @Test
    void loginRefreshAndJwksNeedNoToken() {
        assertThat(api.post("/api/v1/auth/login", Map.of()).text("service")).isEqualTo("auth-service");
        assertThat(api.post("/api/v1/auth/refresh", Map.of()).text("service")).isEqualTo("auth-service");
        assertThat(api.get("/api/v1/auth/.well-known/jwks.json").raw()).contains(TestTokens.KEY_ID);
    }

    @Test
    void withoutATokenTheGatewayAnswers401ItselfAndTheServiceSeesNothing() {
        int before = SERVICES.get("order").requests.get();

        var response = api.post("/api/v1/orders", Map.of());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(SERVICES.get("order").requests.get()).isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> forgedAndBrokenTokensAreRefusedBeforeRouting() {
        return TamperedTokens.forTestKey("mallory", "STAFF").entrySet().stream()
                .map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> {
                    var response = api.withBearer(forged.getValue()).post("/api/v1/orders", Map.of());
                    assertThat(response.status()).isEqualTo(401);
                    assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
                }));
    }

    @Test
    void theCorrelationIdGoesToTheServiceAndBack_andEachRequestIsLogged(CapturedOutput output) {
        var response = someone("STAFF").withHeader("X-Correlation-Id", "table-7-order")
                .post("/api/v1/orders/1/send", Map.of());
        var refused = api.withHeader("X-Correlation-Id", "no-token-here").get("/api/v1/floor");

        assertThat(response.text("correlationId")).isEqualTo("table-7-order");
        assertThat(response.header("X-Correlation-Id")).isEqualTo("table-7-order");
        assertThat(response.text("forwardedFor")).isEqualTo("127.0.0.1");
        assertThat(refused.status()).isEqualTo(401);
        // the line is written once the exchange completes, which may be just after the caller has its answer
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output)
                .contains("table-7-order POST /api/v1/orders/1/send 200 ")
                .contains("no-token-here GET /api/v1/floor 401 "));
    }

    @Test
    void aRequestStartsATraceThatTheServiceContinues_andItsLogLineCarriesTheTraceId(CapturedOutput output) {
        var response = someone("STAFF").withHeader("X-Correlation-Id", "traced-send")
                .post("/api/v1/orders/2/send", Map.of());

        String traceparent = response.text("traceparent");
        assertThat(traceparent).as("W3C trace context sent on to the service")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String traceId = traceparent.split("-")[1];
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("traced-send POST /api/v1/orders/2/send 200 ")))
                .singleElement().asString().contains("\"traceId\":\"" + traceId + "\""));
    }

    @Test
    void aCallerThatIsPartOfATraceKeepsIt() {
        String callerTrace = "4bf92f3577b34da6a3ce929d0e0e4736";
        var response = someone("STAFF").withHeader("traceparent", "00-" + callerTrace + "-00f067aa0ba902b7-01")
                .get("/api/v1/floor");

        assertThat(response.text("traceparent")).startsWith("00-" + callerTrace + "-")
                .doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void theServiceLearnsTheClientsRealAddress_notOneTheClientMadeUp() {
        var response = someone("STAFF").withHeader("X-Forwarded-For", "10.9.8.7").get("/api/v1/floor");

        assertThat(response.text("forwardedFor")).isEqualTo("127.0.0.1");
    }

    @Test
    void aGeneratedCorrelationIdReplacesAMissingOrInsaneOne() {
        var response = someone("STAFF").withHeader("X-Correlation-Id", "<script>").get("/api/v1/floor");

        assertThat(response.text("correlationId")).isNotEqualTo("<script>").matches("[0-9a-f-]{36}");
    }

    @Test
    void aUserOverTheirRateGets429WithRetryAfter_whileOthersCarryOn() {
        ApiClient greedy = someone("STAFF");
        List<ApiClient.Response> responses = Stream.generate(() -> greedy.get("/api/v1/floor")).limit(20).toList();

        assertThat(responses.subList(0, 10)).extracting(ApiClient.Response::status).containsOnly(200);
        var refused = responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isPositive();
        assertThat(someone("STAFF").get("/api/v1/floor").status()).isEqualTo(200);
    }

    @Test
    void theAppsOriginMayCallTheApiFromABrowser_otherOriginsMayNot() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> allowed = http.send(preflight("http://localhost:19006"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> other = http.send(preflight("https://evil.example"), HttpResponse.BodyHandlers.ofString());

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:19006");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpRequest preflight(String origin) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/orders"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .build();
    }

    @Test
    void theWebsocketUpgradeOnWsIsProxiedToCatalogQueryWithoutAToken() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/ws"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        received.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);

        socket.sendText("CONNECT", true);

        assertThat(received.get(10, TimeUnit.SECONDS)).isEqualTo("catalog-query echoes CONNECT");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }

    @Test
    void healthIsPublic() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }
}
