package io.brigade.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.order.OrderId;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.RunningService;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Order, kitchen and billing side by side, each with its own database, talking only through their Kafka topics: an
 * order is cooked, billed, split in three and paid, and the order closes and frees its table without a manual step.
 */
class BillingFlowIntegrationTest {

    private static final DemoData DEMO = DemoData.load();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningService.Stage stage = new RunningService.Stage();

    @Test
    void anOrderCookedAndBilled_splitInThreeAndPaidWithTips_isClosedAndItsTableFreed() {
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order");
             RunningService kitchen = stage.start(KitchenServiceApplication.class, "kitchen");
             RunningService billing = stage.start(BillingServiceApplication.class, "billing")) {
            seedMenu(orders);
            ApiClient waiter = orders.api().as("waiter", "STAFF");
            int table = 6;
            String orderId = openAndSend(waiter, table, "Ribeye steak 300g", "Brigade burger", "House lemonade");

            ApiClient cook = kitchen.api().as("cook", "KITCHEN");
            for (JsonNode ticket : ticketsOf(kitchen, orderId, 2)) {
                assertThat(cook.post("/api/v1/kitchen/tickets/" + ticket.path("ticketId").asText() + "/bump", null)
                        .status()).isEqualTo(204);
            }
            awaitEvent(orders, orderId, "OrderReady");

            assertThat(waiter.post("/api/v1/orders/" + orderId + "/bill", null).status()).isEqualTo(202);
            BillId bill = BillId.forRequest(OrderId.of(orderId), 1);
            long expected = DEMO.item("Ribeye steak 300g").priceCents() + DEMO.item("Brigade burger").priceCents()
                    + DEMO.item("House lemonade").priceCents();
            String issued = await().atMost(PATIENCE).until(() -> payload(billing, bill, "BillIssued"),
                    payload -> payload != null);
            assertThat(issued).contains("\"total\":" + expected);
            awaitEvent(orders, orderId, "BillAttached");

            ApiClient billingWaiter = billing.api().as("waiter", "STAFF");
            var split = billingWaiter.post("/api/v1/billing/bills/" + bill + "/split",
                    Map.of("mode", "EQUAL", "parts", 3));
            assertThat(split.status()).as(split.raw()).isEqualTo(200);
            JsonNode checks = split.body().path("checks");
            assertThat(checks).hasSize(3);
            assertThat(StreamSupport.stream(checks.spliterator(), false).mapToLong(c -> c.path("totalCents").asLong())
                    .sum()).isEqualTo(expected);
            List<String> methods = List.of("CARD", "CASH", "OTHER");
            for (int i = 0; i < 3; i++) {
                JsonNode check = checks.get(i);
                var paid = billingWaiter.post("/api/v1/billing/bills/" + bill + "/payments", Map.of(
                        "checkId", check.path("checkId").asText(), "method", methods.get(i),
                        "amountCents", check.path("totalCents").asLong(), "tipCents", 100 * (i + 1)));
                assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
                assertThat(paid.body().path("balanceCents").asLong()).isZero();
            }
            assertThat(eventTypes(billing, bill.toString())).endsWith("BillPaid");

            awaitEvent(orders, orderId, "OrderClosed");
            assertThat(orders.bean(JdbcTemplate.class).queryForObject(
                    "select count(*) from table_occupancy where table_id = ?", Long.class, DEMO.table(table).id()))
                    .isZero();
            var nextGuests = waiter.post("/api/v1/orders",
                    Map.of("tableId", DEMO.table(table).id().toString(), "guests", 2));
            assertThat(nextGuests.status()).as(nextGuests.raw()).isEqualTo(201);
        }
    }

    private void seedMenu(RunningService orders) {
        DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
        JdbcTemplate jdbc = orders.bean(JdbcTemplate.class);
        await().atMost(PATIENCE).until(() ->
                jdbc.queryForObject("select count(*) from dining_table", Integer.class) == DEMO.tables().size());
    }

    private static String openAndSend(ApiClient waiter, int table, String... items) {
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(table).id().toString(), "guests", 3));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        for (String item : items) {
            var added = waiter.post("/api/v1/orders/" + orderId + "/lines",
                    Map.of("menuItemId", DEMO.item(item).id().toString(), "quantity", 1));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
        }
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
        return orderId;
    }

    /** The tickets the kitchen made for an order, as its TicketCreated events have them. */
    private static List<JsonNode> ticketsOf(RunningService kitchen, String orderId, int expected) {
        return await().atMost(PATIENCE).until(() -> kitchen.bean(JdbcTemplate.class).queryForList(
                        "select convert_from(payload, 'UTF8') from domain_event_entry where payload_type = ? "
                                + "and convert_from(payload, 'UTF8') like ?", String.class,
                        "io.brigade.contracts.kitchen.TicketCreated", "%" + orderId + "%").stream()
                .map(BillingFlowIntegrationTest::json).toList(), tickets -> tickets.size() == expected);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitEvent(RunningService service, String aggregateId, String type) {
        await().atMost(PATIENCE).until(() -> eventTypes(service, aggregateId).contains(type));
    }

    private static List<String> eventTypes(RunningService service, String aggregateId) {
        return service.bean(JdbcTemplate.class).queryForList("select payload_type from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number", String.class, aggregateId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static String payload(RunningService service, BillId bill, String type) {
        return service.bean(JdbcTemplate.class).queryForList("select convert_from(payload, 'UTF8') from "
                        + "domain_event_entry where aggregate_identifier = ? and payload_type = ?", String.class,
                bill.toString(), "io.brigade.contracts.billing." + type).stream().findFirst().orElse(null);
    }
}
