package io.brigade.order.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.TestInfrastructure;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order and kitchen services side by side, each with its own database, talking only through their Kafka topics:
 * an order's sends become tickets, and what the cooks do reaches the order through the fulfillment saga.
 */
class FulfillmentFlowIntegrationTest {

    private static final DemoData DEMO = DemoData.load();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningService.Stage stage = new RunningService.Stage();

    @Test
    void anOrderSentForTwoStationsMakesTwoTickets_andWhenEveryItemIsStartedAndReadyTheOrderIsReadyWithoutAManualStep() {
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order");
             RunningService kitchen = stage.start(KitchenServiceApplication.class, "kitchen")) {
            seedMenu(orders);
            String orderId = openAndSend(orders, 2, "Ribeye steak 300g", "Brigade burger", "House lemonade");

            List<JsonNode> tickets = ticketsOf(kitchen, orderId, 2);
            assertThat(tickets).extracting(t -> t.path("station").asText()).containsExactlyInAnyOrder("grill", "bar");
            assertThat(tickets).extracting(t -> t.path("items").size()).containsExactlyInAnyOrder(2, 1);

            cookEverything(kitchen, tickets);

            awaitEvent(orders, orderId, "OrderReady");
            assertThat(eventTypes(orders, orderId)).containsSubsequence("OrderLinesSent", "OrderLinesCooking",
                    "OrderLinesReady", "OrderReady").doesNotContain("KitchenDelayed");
            assertThat(eventTypes(orders, orderId)).filteredOn("OrderReady"::equals).hasSize(1);
            assertThat(linesOf(orders, orderId, "OrderLinesReady")).containsExactlyInAnyOrderElementsOf(
                    linesOf(orders, orderId, "OrderLineAdded"));
        }
    }

    @Test
    void withTheKitchenServiceStoppedOrdersAreTakenAndSent_andWhenItStartsTheTicketsAppearAndTheSagaCatchesUp() {
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order")) {
            seedMenu(orders);
            String first = openAndSend(orders, 3, "Grilled sea bass", "Glass of red wine");
            String second = openAndSend(orders, 5, "Fish and chips");
            assertThat(eventTypes(orders, first)).contains("OrderLinesSent");

            try (RunningService kitchen = stage.start(KitchenServiceApplication.class, "kitchen")) {
                List<JsonNode> firstTickets = ticketsOf(kitchen, first, 2);
                List<JsonNode> secondTickets = ticketsOf(kitchen, second, 1);

                cookEverything(kitchen, firstTickets);
                cookEverything(kitchen, secondTickets);

                awaitEvent(orders, first, "OrderReady");
                awaitEvent(orders, second, "OrderReady");
            }
        }
    }

    @Test
    void aTicketNobodyStartsIsReportedAsAKitchenDelayEvenWhenTheOrderServiceRestartedBeforeTheDeadline() {
        String shortDeadline = "brigade.order.fulfillment.ticket-start-within=PT6S";
        String orderId;
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order", shortDeadline)) {
            assertThat(orders.bean(DeadlineManager.class)).isInstanceOf(DbSchedulerDeadlineManager.class);
            seedMenu(orders);
            orderId = openAndSend(orders, 7, "Mushroom risotto");
            JdbcTemplate jdbc = orders.bean(JdbcTemplate.class);
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                    "select count(*) from scheduled_tasks where task_data is not null", Long.class) == 1);
            assertThat(eventTypes(orders, orderId)).doesNotContain("KitchenDelayed");
        }

        sleep(Duration.ofSeconds(7));

        try (RunningService restarted = stage.start(OrderServiceApplication.class, "order", shortDeadline)) {
            awaitEvent(restarted, orderId, "KitchenDelayed");
            assertThat(eventTypes(restarted, orderId)).filteredOn("KitchenDelayed"::equals).hasSize(1);
            String delayed = restarted.bean(JdbcTemplate.class).queryForObject(
                    "select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ? "
                            + "and payload_type like '%KitchenDelayed'", String.class, orderId);
            assertThat(delayed).contains("\"station\":\"grill\"");
        }
    }

    @Test
    void aBillLeftUnpaidPastTheLimitIsReportedOverdueOnce_byTheDeadlineThePersistedSagaScheduled() {
        String shortLimit = "brigade.order.fulfillment.bill-settled-within=PT4S";
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order", shortLimit);
             KafkaEventWriter billing = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            seedMenu(orders);
            String orderId = openAndSend(orders, 9, "House lemonade");
            assertThat(orders.api().as("waiter", "STAFF").post("/api/v1/orders/" + orderId + "/bill", null).status())
                    .isEqualTo(202);
            BillId billId = BillId.forRequest(OrderId.of(orderId), 1);
            Money total = Money.ofCents(450);
            billing.write(stage.topic(Topics.BILLING_EVENTS), "Bill", billId.toString(), 0,
                    new BillIssued(billId, OrderId.of(orderId), 1, 9, List.of(),
                            new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO),
                            new BillAmounts(total, Money.ZERO, Money.ZERO, Money.ofCents(41), total)), Map.of());

            awaitEvent(orders, orderId, "BillAttached");
            awaitEvent(orders, orderId, "BillOverdue");
            sleep(Duration.ofSeconds(2));
            assertThat(eventTypes(orders, orderId)).filteredOn("BillOverdue"::equals).hasSize(1);
            assertThat(orders.bean(JdbcTemplate.class).queryForObject(
                    "select convert_from(payload, 'UTF8') from domain_event_entry where aggregate_identifier = ? "
                            + "and payload_type like '%BillOverdue'", String.class, orderId))
                    .contains(billId.toString());
        }
    }

    @Test
    void aCancellationTheKitchenNeverConfirmsEndsTheSagaWhenItsDeadlineFires_onceAndWithoutAFailure() {
        String shortWait = "brigade.order.fulfillment.cancellation-confirmed-within=PT3S";
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order", shortWait)) {
            seedMenu(orders);
            String orderId = openAndSend(orders, 11, "Ribeye steak 300g");
            JdbcTemplate jdbc = orders.bean(JdbcTemplate.class);
            await().atMost(PATIENCE).until(() -> sagasOf(jdbc, orderId) == 1);

            var cancelled = orders.api().as("manager", "MANAGER").post("/api/v1/orders/" + orderId + "/cancel",
                    Map.of("reason", "guests left"));
            assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(204);
            await().atMost(PATIENCE).until(() -> deadlines(jdbc, "cancellation-unconfirmed") == 1);

            await().atMost(PATIENCE).until(() -> sagasOf(jdbc, orderId) == 0);
            assertThat(deadlines(jdbc, "cancellation-unconfirmed")).isZero();
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where last_failure is not null",
                    Long.class)).isZero();
        }
    }

    private static long sagasOf(JdbcTemplate jdbc, String orderId) {
        return jdbc.queryForObject("select count(*) from association_value_entry where association_key = 'orderId' "
                + "and association_value = ?", Long.class, orderId);
    }

    /** Scheduled deadlines of one name; db-scheduler keeps a failed one, with its failure, to try it again. */
    private static long deadlines(JdbcTemplate jdbc, String name) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks where position(convert_to(?, 'UTF8') in task_data) > 0",
                Long.class, name);
    }

    private void seedMenu(RunningService orders) {
        DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
        JdbcTemplate jdbc = orders.bean(JdbcTemplate.class);
        await().atMost(PATIENCE).until(() ->
                jdbc.queryForObject("select count(*) from dining_table", Integer.class) == DEMO.tables().size());
    }

    private static String openAndSend(RunningService orders, int table, String... items) {
        ApiClient waiter = orders.api().as("waiter", "STAFF");
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(table).id().toString(), "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        for (String item : items) {
            var added = waiter.post("/api/v1/orders/" + orderId + "/lines",
                    Map.of("menuItemId", DEMO.item(item).id().toString(), "quantity", 1));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
        }
        var sent = waiter.post("/api/v1/orders/" + orderId + "/send", Map.of());
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        return orderId;
    }

    /** The tickets the kitchen made for an order, as its TicketCreated events have them. */
    private static List<JsonNode> ticketsOf(RunningService kitchen, String orderId, int expected) {
        return await().atMost(PATIENCE).until(() -> kitchen.bean(JdbcTemplate.class).queryForList(
                        "select convert_from(payload, 'UTF8') from domain_event_entry where payload_type = ? "
                                + "and convert_from(payload, 'UTF8') like ?", String.class,
                        "io.brigade.contracts.kitchen.TicketCreated", "%" + orderId + "%").stream()
                .map(FulfillmentFlowIntegrationTest::json).toList(), tickets -> tickets.size() == expected);
    }

    private static void cookEverything(RunningService kitchen, List<JsonNode> tickets) {
        ApiClient cook = kitchen.api().as("cook", "KITCHEN");
        for (JsonNode ticket : tickets) {
            String path = "/api/v1/kitchen/tickets/" + ticket.path("ticketId").asText() + "/items/";
            for (JsonNode item : ticket.path("items")) {
                assertThat(cook.post(path + item.path("lineId").asText() + "/start", null).status()).isEqualTo(204);
                assertThat(cook.post(path + item.path("lineId").asText() + "/ready", null).status()).isEqualTo(204);
            }
        }
    }

    private static void awaitEvent(RunningService orders, String orderId, String type) {
        await().atMost(PATIENCE).until(() -> eventTypes(orders, orderId).contains(type));
    }

    private static List<String> eventTypes(RunningService orders, String orderId) {
        return orders.bean(JdbcTemplate.class).queryForList("select payload_type from domain_event_entry "
                        + "where aggregate_identifier = ? order by sequence_number", String.class, orderId).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** The line ids named by the order's events of one type. */
    private static List<String> linesOf(RunningService orders, String orderId, String type) {
        return orders.bean(JdbcTemplate.class).queryForList("select convert_from(payload, 'UTF8') from "
                                + "domain_event_entry where aggregate_identifier = ? and payload_type = ?", String.class,
                        orderId, "io.brigade.contracts.order." + type).stream()
                .map(FulfillmentFlowIntegrationTest::json)
                .flatMap(event -> event.has("lineId") ? Stream.of(event.path("lineId"))
                        : StreamSupport.stream(event.path("lineIds").spliterator(), false))
                .map(JsonNode::asText).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
