package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.StompClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.brigade.platform.test.StompClient.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as the README's first command starts it (every service, embedded PostgreSQL and Kafka, the demo
 * restaurant), used only through the gateway, as the app uses it: staff sign in with the auth service, send HTTP
 * commands and watch the live views over STOMP.
 */
class DevstackSystemTest {

    private static final DemoData DEMO = RunningDevstack.DEMO;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private static RunningDevstack restaurant;

    @BeforeAll
    static void startTheRestaurant() throws IOException {
        restaurant = RunningDevstack.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (restaurant != null) {
            restaurant.close();
        }
    }

    @Test
    void aTableFromSignInToPaidBill_theKitchenAndTheManagerWatchingLive() throws Exception {
        String waiterToken = signIn("waiter");
        ApiClient waiter = gateway().withBearer(waiterToken);
        ApiClient cook = gateway().withBearer(signIn("cook"));
        String managerToken = signIn("manager");

        try (StompClient kitchenScreen = StompClient.connect(ws(), signIn("cook"));
             StompClient managerPhone = StompClient.connect(ws(), managerToken);
             StompClient waiterPhone = StompClient.connect(ws(), waiterToken)) {
            List<StompClient.Received> grill = kitchenScreen.subscribe("/topic/kitchen.grill");
            List<StompClient.Received> bills = managerPhone.subscribe("/topic/bills");

            var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(4).id().toString(),
                    "guests", 2));
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            String orderId = opened.text("orderId");
            var added = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                    "menuItemId", DEMO.item("Brigade burger").id().toString(), "quantity", 2));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
            List<StompClient.Received> order = waiterPhone.subscribe("/topic/orders." + orderId);
            assertThat(waiter.withHeader("X-Correlation-Id", "send-" + orderId)
                    .post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);

            StompClient.Received ticket = awaitMessage(grill, m -> m.type().equals("order:new")
                    && m.data().path("orderId").asText().equals(orderId), PATIENCE);
            assertThat(ticket.data().path("tableNumber").asInt()).isEqualTo(4);
            // the trace the gateway started for the send runs through the order and kitchen services to the screen
            String sendTrace = await().atMost(PATIENCE).until(() -> traceIdOfLogLine("send-" + orderId + " POST"),
                    traceId -> traceId != null);
            assertThat(ticket.traceparent()).as("the push of the sent order").contains(sendTrace);
            String item = "/api/v1/kitchen/tickets/" + ticket.data().path("ticketId").asText() + "/items/"
                    + ticket.data().path("items").get(0).path("lineId").asText();
            assertThat(cook.post(item + "/start", null).status()).isEqualTo(204);
            awaitMessage(grill, m -> m.type().equals("ticket:update")
                    && m.data().path("items").get(0).path("status").asText().equals("COOKING"), PATIENCE);
            assertThat(cook.post(item + "/ready", null).status()).isEqualTo(204);
            assertThat(cook.post("/api/v1/kitchen/tickets/" + ticket.data().path("ticketId").asText() + "/bump", null)
                    .status()).isEqualTo(204);
            awaitMessage(grill, m -> m.type().equals("ticket:done")
                    && m.data().path("orderId").asText().equals(orderId), PATIENCE);
            awaitMessage(order, m -> m.data().path("status").asText().equals("READY"), PATIENCE);

            assertThat(waiter.post("/api/v1/orders/" + orderId + "/bill", null).status()).isEqualTo(202);
            JsonNode bill = await().atMost(PATIENCE).until(() -> waiter.get("/api/v1/bills?orderId=" + orderId).body(),
                    found -> found.size() == 1).get(0);
            long total = bill.path("totalCents").asLong();
            assertThat(total).isEqualTo(2 * DEMO.item("Brigade burger").priceCents());
            var paid = waiter.post("/api/v1/billing/bills/" + bill.path("billId").asText() + "/payments",
                    Map.of("method", "CARD", "amountCents", total, "tipCents", 200));
            assertThat(paid.status()).as(paid.raw()).isEqualTo(201);

            StompClient.Received settled = awaitMessage(bills, m -> m.type().equals("bill:paid")
                    && m.data().path("orderId").asText().equals(orderId), PATIENCE);
            assertThat(settled.data().path("tipsCents").asLong()).isEqualTo(200);
            awaitMessage(order, m -> m.data().path("status").asText().equals("CLOSED"), PATIENCE);
            JsonNode table4 = await().atMost(PATIENCE).until(() -> tableRow(waiter, 4),
                    row -> row.path("table").path("status").asText().equals("FREE"));
            assertThat(table4.has("order")).as("a free table's row has no order").isFalse();
            assertThat(table4.path("table").has("orderId")).isFalse();

            // the manager's sales of today count the paid bill, with its tip
            ApiClient manager = gateway().withBearer(managerToken);
            JsonNode today = await().atMost(PATIENCE).until(() -> manager.get("/api/v1/reports/sales?groupBy=waiter")
                    .body().path("totals"), totals -> totals.path("orders").asLong() >= 1);
            assertThat(today.path("tipsCents").asLong()).isGreaterThanOrEqualTo(200);
            assertThat(waiter.get("/api/v1/reports/sales").status()).isEqualTo(403);
        }
    }

    private static String traceIdOfLogLine(String containing) {
        return restaurant.logLines().stream().filter(line -> line.contains(containing))
                .map(line -> Pattern.compile("\"traceId\":\"([0-9a-f]{32})\"").matcher(line))
                .filter(Matcher::find).map(found -> found.group(1)).findFirst().orElse(null);
    }

    @Test
    void aWaiterTheAdministratorDeactivatesIsSignedOutEverywhere() throws Exception {
        ApiClient admin = gateway().withBearer(signIn("admin"));
        String username = "temp-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = admin.post("/api/v1/auth/register", Map.of("username", username,
                "password", "a long enough passphrase", "fullName", "Temporary Waiter", "role", "STAFF"));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        String token = signIn(username, "a long enough passphrase");
        ApiClient temp = gateway().withBearer(token);
        assertThat(temp.get("/api/v1/floor").status()).isEqualTo(200);

        try (StompClient phone = StompClient.connect(ws(), token)) {
            List<StompClient.Received> floor = phone.subscribe("/topic/floor");
            await().atMost(PATIENCE).until(() -> !floor.isEmpty());

            assertThat(admin.patch("/api/v1/auth/users/" + registered.text("id"), Map.of("active", false))
                    .status()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> temp.get("/api/v1/floor").status() == 401);
            await().atMost(PATIENCE).until(() -> !phone.isConnected());
            assertThat(temp.post("/api/v1/orders", Map.of("tableId", DEMO.table(5).id().toString(), "guests", 2))
                    .status()).isEqualTo(401);
            assertThat(gateway().post("/api/v1/auth/login", Map.of("username", username,
                    "password", "a long enough passphrase")).status()).isEqualTo(401);
        }
    }

    private static JsonNode tableRow(ApiClient client, int number) {
        JsonNode floor = client.get("/api/v1/floor").body();
        return IntStream.range(0, floor.size()).mapToObj(floor::get)
                .filter(row -> row.path("table").path("number").asInt() == number).findFirst().orElseThrow();
    }

    @Test
    void theWholeApiIsDescribedAtTheGateway_fromEveryServicesOwnDescription() {
        // a service describes its API on the first request, which may take the gateway's patience on a busy machine
        JsonNode docs = await().atMost(PATIENCE).until(() -> gateway().get("/api/docs/openapi.json").body(),
                openApi -> everyServiceDescribed(openApi.path("paths")));
        JsonNode paths = docs.path("paths");
        assertThat(paths.path("/api/v1/auth/login").has("post")).isTrue();
        assertThat(paths.path("/api/v1/orders").has("post")).as("order-command").isTrue();
        assertThat(paths.path("/api/v1/orders").has("get")).as("catalog-query's order view").isTrue();
        assertThat(paths.path("/api/v1/kitchen/tickets/{ticketId}/bump").has("post")).isTrue();
        assertThat(paths.path("/api/v1/billing/bills/{billId}/payments").has("post")).isTrue();
        assertThat(paths.path("/api/v1/settings").has("put")).isTrue();
        assertThat(docs.path("info").path("description").asText())
                .doesNotContain("auth-service", "order-command", "kitchen-command", "billing-command", "catalog-query");
    }

    private static boolean everyServiceDescribed(JsonNode paths) {
        return Stream.of("/api/v1/auth/login", "/api/v1/kitchen/tickets/{ticketId}/bump",
                "/api/v1/billing/bills/{billId}/payments", "/api/v1/settings", "/api/v1/reports/sales")
                .allMatch(paths::has) && paths.path("/api/v1/orders").has("post")
                && paths.path("/api/v1/orders").has("get");
    }

    private static ApiClient gateway() {
        return restaurant.gateway();
    }

    private static String ws() {
        return restaurant.ws();
    }

    private static String signIn(String demoUser) {
        return restaurant.signIn(demoUser);
    }

    private static String signIn(String username, String password) {
        return restaurant.signIn(username, password);
    }
}
