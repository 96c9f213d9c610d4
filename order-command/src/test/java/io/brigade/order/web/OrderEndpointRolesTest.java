package io.brigade.order.web;

import io.brigade.order.OrderServiceTestBase;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ApiRoles;
import io.brigade.platform.test.TamperedTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each role calls each Orders endpoint of docs/api.md on an order prepared so that the call can succeed: a role the table
 * allows gets 2xx, any other 403 (and nothing changes), no token 401, a forged or broken token 401.
 */
class OrderEndpointRolesTest extends OrderServiceTestBase {

    /** An order a manager opened on a free table, with one unsent line, or one line sent to the kitchen. */
    private record Prepared(String orderId, String lineId, String otherFreeTableId) {
    }

    private Prepared prepare(boolean sendTheLine) {
        String orderId = null;
        for (var table : DEMO.tables()) {
            var opened = manager.post("/api/v1/orders", Map.of("tableId", table.id().toString(), "guests", 2));
            if (opened.status() == 201) {
                orderId = opened.text("orderId");
                break;
            }
        }
        if (orderId == null) {
            throw new AssertionError("No free table left");
        }
        var line = manager.post("/api/v1/orders/" + orderId + "/lines",
                Map.of("menuItemId", DEMO.item("Fries").id().toString(), "quantity", 1));
        if (sendTheLine) {
            manager.post("/api/v1/orders/" + orderId + "/send", Map.of());
        }
        String free = DEMO.tables().stream().map(t -> t.id().toString())
                .filter(id -> jdbc.queryForObject("select count(*) from table_occupancy where table_id::text = ?",
                        Integer.class, id) == 0)
                .findFirst().orElseThrow();
        return new Prepared(orderId, line.text("lineId"), free);
    }

    private void release(Prepared order) {
        manager.post("/api/v1/orders/" + order.orderId() + "/cancel", Map.of("reason", "test done"));
    }

    /** For each endpoint: the order state it needs, and the call. */
    private record Case(boolean sent, BiFunction<ApiClient, Prepared, ApiClient.Response> call) {
    }

    private final Map<String, Case> cases = Map.of(
            "POST /api/v1/orders", new Case(false, (client, order) -> client.post("/api/v1/orders",
                    Map.of("tableId", order.otherFreeTableId(), "guests", 2))),
            "POST /api/v1/orders/{id}/lines", new Case(false, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/lines",
                    Map.of("menuItemId", DEMO.item("Espresso").id().toString(), "quantity", 1))),
            "DELETE /api/v1/orders/{id}/lines/{lineId}", new Case(false, (client, order) -> client.delete(
                    "/api/v1/orders/" + order.orderId() + "/lines/" + order.lineId())),
            "POST /api/v1/orders/{id}/lines/{lineId}/void", new Case(true, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/lines/" + order.lineId() + "/void",
                    Map.of("reason", "dropped on the floor"))),
            "POST /api/v1/orders/{id}/send", new Case(false, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/send", Map.of())),
            "POST /api/v1/orders/{id}/serve", new Case(true, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/serve", Map.of())),
            "POST /api/v1/orders/{id}/transfer", new Case(false, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/transfer", Map.of("tableId", order.otherFreeTableId()))),
            "POST /api/v1/orders/{id}/bill", new Case(true, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/bill", Map.of())),
            "POST /api/v1/orders/{id}/cancel", new Case(false, (client, order) -> client.post(
                    "/api/v1/orders/" + order.orderId() + "/cancel", Map.of("reason", "guests left"))));

    @TestFactory
    Stream<DynamicTest> everyRoleGetsExactlyWhatApiMdAllowsOnTheOrderEndpoints() {
        return ApiRoles.under("/api/v1/orders").stream().flatMap(endpoint -> ApiRoles.EVERY_ROLE.stream()
                .map(role -> DynamicTest.dynamicTest(role + " " + endpoint, () -> {
                    Case c = cases.get(endpoint.toString());
                    Prepared order = prepare(c.sent());
                    long eventsBefore = eventCount();
                    var response = c.call().apply(waiter.as("someone-" + role.toLowerCase(), role), order);
                    try {
                        if (!endpoint.allows(role)) {
                            assertThat(response.status()).as(response.raw()).isEqualTo(403);
                            assertThat(eventCount()).isEqualTo(eventsBefore);
                        } else if (endpoint.path().endsWith("/serve")) {
                            // lines become ready only when the kitchen says so: past the role check, the order refuses
                            assertThat(response.status()).as(response.raw()).isEqualTo(409);
                            assertThat(response.text("detail")).contains("No line is ready");
                        } else {
                            assertThat(response.status()).as(response.raw()).isBetween(200, 299);
                        }
                    } finally {
                        if (endpoint.path().equals("/api/v1/orders") && response.status() == 201) {
                            manager.post("/api/v1/orders/" + response.text("orderId") + "/cancel",
                                    Map.of("reason", "test done"));
                        }
                        release(order);
                    }
                })));
    }

    @TestFactory
    Stream<DynamicTest> withoutATokenEveryOrderEndpointIs401() {
        return ApiRoles.under("/api/v1/orders").stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(),
                () -> {
                    Case c = cases.get(endpoint.toString());
                    Prepared order = prepare(c.sent());
                    try {
                        var response = c.call().apply(waiter.anonymous(), order);
                        assertThat(response.status()).isEqualTo(401);
                    } finally {
                        release(order);
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> forgedAndBrokenTokensAreRefused() {
        return TamperedTokens.forTestKey("waiter", "STAFF").entrySet().stream()
                .map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> {
                    var response = waiter.anonymous().withBearer(forged.getValue()).post("/api/v1/orders",
                            Map.of("tableId", DEMO.table(1).id().toString(), "guests", 2));
                    assertThat(response.status()).isEqualTo(401);
                }));
    }
}
