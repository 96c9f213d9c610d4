package io.brigade.order.web;

import io.brigade.order.OrderServiceTestBase;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every order endpoint answers bad input with the documented 4xx problem and writes no event. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderEndpointsRejectBadInputTest extends OrderServiceTestBase {

    private static final String UNKNOWN = UUID.randomUUID().toString();

    private String orderId;
    private String sentLine;
    private String unsentLine;

    @BeforeEach
    void anOrderWithOneSentAndOneUnsentLine() {
        if (orderId == null) {
            orderId = openOrder(1, 2);
            sentLine = addLine(orderId, "Brigade burger", 1);
            waiter.post("/api/v1/orders/" + orderId + "/send", Map.of());
            unsentLine = addLine(orderId, "Fries", 1);
        }
    }

    static Stream<Arguments> malformedRequests() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/orders", "{not json"),
                Arguments.of("POST", "/api/v1/orders", "{}"),
                Arguments.of("POST", "/api/v1/orders", "{\"tableId\":\"not-a-uuid\",\"guests\":2}"),
                Arguments.of("POST", "/api/v1/orders", "{\"tableId\":\"" + UNKNOWN + "\",\"guests\":0}"),
                Arguments.of("POST", "/api/v1/orders", "{\"tableId\":\"" + UNKNOWN + "\",\"guests\":\"many\"}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"quantity\":1}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"menuItemId\":\"{item}\",\"quantity\":0}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"menuItemId\":\"{item}\",\"quantity\":1,"
                        + "\"seat\":-1}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"menuItemId\":\"{item}\",\"quantity\":1,"
                        + "\"notes\":\"" + "x".repeat(501) + "\"}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"menuItemId\":\"{item}\",\"quantity\":1,"
                        + "\"modifierIds\":[\"nope\"]}"),
                Arguments.of("POST", "/api/v1/orders/not-a-uuid/lines", "{\"menuItemId\":\"{item}\",\"quantity\":1}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines/{sent}/void", "{}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines/{sent}/void", "{\"reason\":\"  \"}"),
                Arguments.of("POST", "/api/v1/orders/{order}/send", "{\"course\":0}"),
                Arguments.of("POST", "/api/v1/orders/{order}/serve", "{\"lineIds\":[\"nope\"]}"),
                Arguments.of("POST", "/api/v1/orders/{order}/transfer", "{}"),
                Arguments.of("POST", "/api/v1/orders/{order}/transfer", "{\"tableId\":\"" + UNKNOWN + "\"}"),
                Arguments.of("POST", "/api/v1/orders/{order}/cancel", "{}"),
                Arguments.of("DELETE", "/api/v1/orders/{order}/lines/not-a-uuid", null));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("malformedRequests")
    void malformedOrInvalidInputIs400ProblemAndWritesNoEvent(String method, String path, String body) {
        assertRefused(method, path, body, 400);
    }

    static Stream<Arguments> unknownIds() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/lines", "{\"menuItemId\":\"{item}\",\"quantity\":1}"),
                Arguments.of("DELETE", "/api/v1/orders/" + UNKNOWN + "/lines/" + UNKNOWN, null),
                Arguments.of("DELETE", "/api/v1/orders/{order}/lines/" + UNKNOWN, null),
                Arguments.of("POST", "/api/v1/orders/{order}/lines/" + UNKNOWN + "/void", "{\"reason\":\"x\"}"),
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/send", "{}"),
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/serve", "{}"),
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/transfer", "{\"tableId\":\"{table2}\"}"),
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/bill", null),
                Arguments.of("POST", "/api/v1/orders/" + UNKNOWN + "/cancel", "{\"reason\":\"x\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("unknownIds")
    void unknownIdsAre404ProblemAndWriteNoEvent(String method, String path, String body) {
        assertRefused(method, path, body, 404);
    }

    static Stream<Arguments> conflicts() {
        return Stream.of(
                Arguments.of("POST", "/api/v1/orders", "{\"tableId\":\"{table1}\",\"guests\":2}"),
                Arguments.of("POST", "/api/v1/orders/{order}/lines", "{\"lineId\":\"{unsent}\","
                        + "\"menuItemId\":\"{item}\",\"quantity\":3}"),
                Arguments.of("DELETE", "/api/v1/orders/{order}/lines/{sent}", null),
                Arguments.of("POST", "/api/v1/orders/{order}/lines/{unsent}/void", "{\"reason\":\"x\"}"),
                Arguments.of("POST", "/api/v1/orders/{order}/serve", "{}"),
                Arguments.of("POST", "/api/v1/orders/{order}/serve", "{\"lineIds\":[\"{sent}\"]}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("conflicts")
    void conflictsWithTheCurrentStateAre409ProblemAndWriteNoEvent(String method, String path, String body) {
        assertRefused(method, path, body, 409);
    }

    @Test
    void billingAnOrderWithUnsentLinesIsRefusedWith422() {
        assertRefused("POST", "/api/v1/orders/{order}/bill", null, 422);
    }

    @Test
    void staffCancellingAnOrderAlreadyInTheKitchenIs403() {
        assertRefused("POST", "/api/v1/orders/{order}/cancel", "{\"reason\":\"changed mind\"}", 403);
    }

    @Test
    void voidingIsForManagersOnly() {
        assertRefused("POST", "/api/v1/orders/{order}/lines/{sent}/void", "{\"reason\":\"x\"}", 403);
    }

    @Test
    void withoutAnIdentityEveryEndpointIs401() {
        long before = eventCount();
        var response = ApiClient.at("http://localhost:" + port).post("/api/v1/orders",
                Map.of("tableId", DEMO.table(2).id().toString(), "guests", 2));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void anItemThatIs86dIsRefusedWith422() {
        long before = eventCount();
        jdbc.update("update menu_item set available = false where id = ?", DEMO.item("Lemon tart").id());
        var response = waiter.post("/api/v1/orders/" + orderId + "/lines",
                Map.of("menuItemId", DEMO.item("Lemon tart").id().toString(), "quantity", 1));
        jdbc.update("update menu_item set available = true where id = ?", DEMO.item("Lemon tart").id());
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("detail")).contains("Lemon tart");
        assertThat(eventCount()).isEqualTo(before);
    }

    private void assertRefused(String method, String path, String body, int status) {
        String resolvedPath = resolve(path);
        String resolvedBody = body == null ? null : resolve(body);
        long before = eventCount();
        ApiClient caller = path.endsWith("/void") && status != 403 ? manager : waiter;
        ApiClient.Response response = switch (method) {
            case "POST" -> resolvedBody == null ? caller.post(resolvedPath, null) : caller.postRaw(resolvedPath, resolvedBody);
            case "DELETE" -> caller.delete(resolvedPath);
            default -> throw new IllegalArgumentException(method);
        };
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("title").asText()).isNotBlank();
        assertThat(response.body().path("type").asText()).isNotBlank();
        assertThat(response.body().path("detail").asText()).isNotBlank();
        if (status == 400 && resolvedBody != null && resolvedBody.startsWith("{") && !resolvedBody.equals("{not json")
                && !resolvedPath.contains("not-a-uuid") && !resolvedBody.contains("not-a-uuid")
                && !resolvedBody.contains("\"many\"") && !resolvedBody.contains("\"nope\"")) {
            assertThat(response.body().path("errors").isArray()).as(response.raw()).isTrue();
            assertThat(response.body().path("errors").get(0).path("field").asText()).isNotBlank();
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    private String resolve(String template) {
        return template.replace("{order}", orderId)
                .replace("{sent}", sentLine)
                .replace("{unsent}", unsentLine)
                .replace("{item}", DEMO.item("Fries").id().toString())
                .replace("{table1}", DEMO.table(1).id().toString())
                .replace("{table2}", DEMO.table(2).id().toString());
    }
}
