package io.brigade.catalog.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.RestaurantStage;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.brigade.catalog.RestaurantStage.DEMO;
import static io.brigade.catalog.RestaurantStage.PATIENCE;
import static io.brigade.catalog.RestaurantStage.elements;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The floor, order and kitchen board views follow a table's dinner, and a replay from offset zero changes none. */
class LiveViewsFlowTest {

    private static RestaurantStage restaurant;

    @BeforeAll
    static void openTheRestaurant() {
        restaurant = new RestaurantStage();
    }

    @AfterAll
    static void closeTheRestaurant() {
        restaurant.close();
    }

    @Test
    void aSentOrderShowsOnTheFloorInTheOrderViewAndOnTheGrillBoard_andCookingItMovesAllThree() {
        String orderId = restaurant.openOrder(3, "Brigade burger", "House lemonade");
        JsonNode floorRow = floorRow(3, row -> row.path("order").path("lineCount").asInt() == 2);
        assertThat(floorRow.path("table").path("status").asText()).isEqualTo("OCCUPIED");
        assertThat(floorRow.path("table").path("orderId").asText()).isEqualTo(orderId);
        assertThat(floorRow.path("order").path("status").asText()).isEqualTo("OPEN");
        assertThat(floorRow.path("order").path("waiter").path("name").asText()).isEqualTo("waiter");
        long total = DEMO.item("Brigade burger").priceCents() + DEMO.item("House lemonade").priceCents();
        assertThat(floorRow.path("order").path("totalCents").asLong()).isEqualTo(total);

        restaurant.send(orderId);
        JsonNode order = restaurant.awaitView("/api/v1/orders/" + orderId, "STAFF",
                view -> view.path("status").asText().equals("IN_KITCHEN"));
        assertThat(elements(order.path("lines"))).extracting(l -> l.path("state").asText())
                .containsOnly("SENT");
        assertThat(elements(order.path("lines"))).extracting(l -> l.path("name").asText())
                .containsExactly("Brigade burger", "House lemonade");
        assertThat(order.path("subtotalCents").asLong()).isEqualTo(total);
        assertThat(order.path("tableNumber").asInt()).isEqualTo(3);

        JsonNode grill = ticketOf(orderId, "grill", ticket -> true);
        assertThat(grill.path("status").asText()).isEqualTo("OPEN");
        assertThat(grill.path("tableNumber").asInt()).isEqualTo(3);
        JsonNode burger = grill.path("items").get(0);
        assertThat(burger.path("status").asText()).isEqualTo("QUEUED");
        assertThat(elements(burger.path("allergens"))).extracting(JsonNode::asText).contains("gluten");

        String ticketPath = "/api/v1/kitchen/tickets/" + grill.path("ticketId").asText() + "/items/"
                + burger.path("lineId").asText();
        assertThat(restaurant.cook().post(ticketPath + "/start", null).status()).isEqualTo(204);
        ticketOf(orderId, "grill", ticket -> ticket.path("items").get(0).path("status").asText().equals("COOKING"));
        restaurant.awaitView("/api/v1/orders/" + orderId, "MANAGER", view -> lineState(view, "Brigade burger")
                .equals("COOKING"));

        assertThat(restaurant.cook().post(ticketPath + "/ready", null).status()).isEqualTo(204);
        assertThat(restaurant.cook().post("/api/v1/kitchen/tickets/" + grill.path("ticketId").asText() + "/bump",
                null).status()).isEqualTo(204);
        restaurant.awaitView("/api/v1/kitchen/board?station=grill", "KITCHEN", board -> elements(board).stream()
                .noneMatch(ticket -> ticket.path("orderId").asText().equals(orderId)));
        restaurant.awaitView("/api/v1/orders/" + orderId, "STAFF", view -> lineState(view, "Brigade burger")
                .equals("READY"));
        JsonNode readyCount = floorRow(3, row -> row.path("order").path("readyCount").asInt() == 1);
        assertThat(readyCount.path("order").path("status").asText()).isEqualTo("IN_KITCHEN");
        assertThat(elements(restaurant.views("w", "STAFF").get("/api/v1/orders?status=IN_KITCHEN&tableId="
                + DEMO.table(3).id()).body())).extracting(o -> o.path("orderId").asText()).containsExactly(orderId);
        // a filter left empty filters nothing
        assertThat(elements(restaurant.views("w", "STAFF").get("/api/v1/orders?status=&tableId="
                + DEMO.table(3).id()).body())).extracting(o -> o.path("orderId").asText()).contains(orderId);
        assertThat(elements(restaurant.views("c", "KITCHEN").get("/api/v1/kitchen/board?station=").body()))
                .extracting(t -> t.path("orderId").asText()).contains(orderId);
    }

    @Test
    void anOrderIsServedInItsViewWhenTheOrderSaysSo_notBefore() {
        String orderId = restaurant.openOrder(10, "Brigade burger");
        restaurant.send(orderId);
        JsonNode grill = ticketOf(orderId, "grill", ticket -> true);
        assertThat(restaurant.cook().post("/api/v1/kitchen/tickets/" + grill.path("ticketId").asText() + "/bump",
                null).status()).isEqualTo(204);
        restaurant.awaitView("/api/v1/orders/" + orderId, "STAFF", view -> view.path("status").asText()
                .equals("READY"));

        assertThat(restaurant.waiter().post("/api/v1/orders/" + orderId + "/serve", java.util.Map.of()).status())
                .isEqualTo(204);
        JsonNode served = restaurant.awaitView("/api/v1/orders/" + orderId, "STAFF", view -> view.path("status")
                .asText().equals("SERVED"));
        assertThat(lineState(served, "Brigade burger")).isEqualTo("SERVED");
        assertThat(floorRow(10, row -> true).path("order").path("status").asText()).isEqualTo("SERVED");
    }

    @Test
    void an86dItemIsRefusedByTheOrderServiceWithinASecond_andTheMenuShowsItUnavailable() {
        String orderId = restaurant.openOrder(5);
        String fishAndChips = DEMO.item("Fish and chips").id().toString();
        Map<String, Object> line = Map.of("menuItemId", fishAndChips, "quantity", 1);

        var off = restaurant.views("cook", "KITCHEN").post("/api/v1/menu/items/" + fishAndChips + "/availability",
                Map.of("available", false, "reason", "fryer broken"));
        assertThat(off.status()).isEqualTo(200);
        long eightySixed = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                restaurant.waiter().post("/api/v1/orders/" + orderId + "/lines", line).status() == 422);
        System.out.printf("86 to 422 on the order service: %d ms%n", (System.nanoTime() - eightySixed) / 1_000_000);
        JsonNode menuItem = elements(restaurant.views("w", "STAFF").get("/api/v1/menu").body().path("categories"))
                .stream().flatMap(c -> elements(c.path("items")).stream())
                .filter(i -> i.path("id").asText().equals(fishAndChips)).findFirst().orElseThrow();
        assertThat(menuItem.path("available").asBoolean()).isFalse();

        restaurant.views("manager", "MANAGER").post("/api/v1/menu/items/" + fishAndChips + "/availability",
                Map.of("available", true));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() ->
                restaurant.waiter().post("/api/v1/orders/" + orderId + "/lines", line).status() == 201);
    }

    @Test
    void replayingTheOrderAndKitchenTopicsFromOffsetZeroLeavesEveryViewIdentical() {
        String orderId = restaurant.openOrder(7, "Ribeye steak 300g", "Fries", "Glass of red wine");
        restaurant.send(orderId);
        JsonNode grill = ticketOf(orderId, "grill", ticket -> true);
        restaurant.cook().post("/api/v1/kitchen/tickets/" + grill.path("ticketId").asText() + "/items/"
                + grill.path("items").get(0).path("lineId").asText() + "/start", null);
        restaurant.awaitView("/api/v1/orders/" + orderId, "STAFF", view -> lineState(view, "Ribeye steak 300g")
                .equals("COOKING"));
        ticketOf(orderId, "grill", t -> t.path("items").get(0).path("status").asText().equals("COOKING"));
        String before = restaurant.settledViews() + everyViewServed();

        restaurant.replayFromOffsetZero(OrderViewProjection.GROUP, KitchenBoardProjection.GROUP);

        await().atMost(PATIENCE).until(() -> (restaurant.everyViewRow() + everyViewServed()).equals(before));
    }

    @Test
    void anAdministratorRebuildsALiveViewThroughTheServicesActuator_andNoOneElseMay() {
        String orderId = restaurant.openOrder(8, "Brigade burger");
        restaurant.send(orderId);
        ticketOf(orderId, "grill", ticket -> true);
        ApiClient operator = restaurant.catalog.api().as("ops", "ADMIN");
        assertThat(operator.get("/actuator/replays").body().fieldNames()).toIterable()
                .containsExactly(OrderViewProjection.GROUP, KitchenBoardProjection.GROUP, BillViewProjection.GROUP);
        String before = restaurant.settledViews() + everyViewServed();

        var started = operator.post("/actuator/replays/" + KitchenBoardProjection.GROUP, null);

        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        assertThat(started.body().path("topics").get(0).asText()).endsWith("brigade.kitchen.events");
        await().atMost(PATIENCE).until(() -> operator.get("/actuator/replays/" + KitchenBoardProjection.GROUP)
                .body().path("caughtUp").asBoolean());
        await().atMost(PATIENCE).until(() -> (restaurant.everyViewRow() + everyViewServed()).equals(before));
        assertThat(restaurant.catalog.api().as("boss", "MANAGER").post("/actuator/replays/"
                + KitchenBoardProjection.GROUP, null).status()).isEqualTo(403);
        assertThat(restaurant.catalog.api().anonymous().post("/actuator/replays/"
                + KitchenBoardProjection.GROUP, null).status()).isEqualTo(401);
        assertThat(operator.post("/actuator/replays/no-such-group", null).status()).isEqualTo(404);
        assertThat(operator.post("/actuator/replays/" + CatalogProjection.GROUP, null).status()).isEqualTo(404);
    }

    private String everyViewServed() {
        return restaurant.views("m", "MANAGER").get("/api/v1/floor").raw()
                + restaurant.views("m", "MANAGER").get("/api/v1/kitchen/board").raw();
    }

    private static JsonNode floorRow(int table, java.util.function.Predicate<JsonNode> expected) {
        JsonNode floor = restaurant.awaitView("/api/v1/floor", "STAFF", rows -> elements(rows).stream()
                .anyMatch(row -> row.path("table").path("number").asInt() == table && expected.test(row)));
        return elements(floor).stream().filter(row -> row.path("table").path("number").asInt() == table)
                .findFirst().orElseThrow();
    }

    private static JsonNode ticketOf(String orderId, String station, java.util.function.Predicate<JsonNode> expected) {
        JsonNode board = restaurant.awaitView("/api/v1/kitchen/board?station=" + station, "KITCHEN",
                tickets -> elements(tickets).stream().anyMatch(t -> t.path("orderId").asText().equals(orderId)
                        && expected.test(t)));
        return elements(board).stream().filter(t -> t.path("orderId").asText().equals(orderId)).findFirst()
                .orElseThrow();
    }

    private static String lineState(JsonNode order, String name) {
        return elements(order.path("lines")).stream().filter(l -> l.path("name").asText().equals(name))
                .map(l -> l.path("state").asText()).findFirst().orElse("");
    }
}
