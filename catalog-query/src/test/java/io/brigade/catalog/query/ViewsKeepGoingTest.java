package io.brigade.catalog.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.CatalogTestBase;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No event stops the views. Events published before input was checked at the edge can hold a NUL character, which
 * PostgreSQL cannot store in text: the views store it as U+FFFD and nothing is parked. An event a view cannot store
 * is parked with its order's later events, every other order goes on, and an operator's retry catches the view up.
 */
class ViewsKeepGoingTest extends CatalogTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Map<String, String> WAITER = Map.of("userId", "waiter-1", "username", "waiter", "role", "STAFF");

    private KafkaEventWriter services;

    @BeforeEach
    void theOtherServices() {
        services = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void closeTheOtherServices() {
        services.close();
    }

    @Test
    void aTicketWhoseNotesHoldNulIsOnTheBoard_withTheNulShownAsAReplacementCharacter() {
        OrderId order = OrderId.random();
        TicketId ticket = TicketId.forSend(order, 1, "grill");
        LineId line = LineId.random();
        services.write(kafka.topic(Topics.KITCHEN_EVENTS), "KitchenTicket", ticket.toString(), 0,
                new TicketCreated(ticket, order, 1, 4, "grill", List.of(new TicketItem(line, MenuItemId.random(),
                        "Ribeye\u0000steak", 1, List.of("B\u0000arnaise"), 1, 2, "no\u0000salt", List.of()))),
                WAITER);

        JsonNode item = await().atMost(PATIENCE).until(() -> boardTicket(ticket), Optional::isPresent).orElseThrow()
                .path("items").get(0);

        assertThat(item.path("notes").asText()).isEqualTo("no\uFFFDsalt");
        assertThat(item.path("name").asText()).isEqualTo("Ribeye\uFFFDsteak");
        // a JSON column holds the character escaped, which PostgreSQL stores as it is
        assertThat(item.path("modifiers").get(0).asText()).isEqualTo("B\u0000arnaise");
        assertThat(parkedEvents()).isZero();
    }

    @Test
    void anOrderWhoseLineNotesHoldNulIsShown_andItsLaterEventsStillApply() {
        OrderId order = OrderId.random();
        TableId table = TableId.of(DEMO.table(5).id());
        String orders = kafka.topic(Topics.ORDER_EVENTS);
        services.write(orders, "Order", order.toString(), 0, new OrderOpened(order, table, 5, 2), WAITER);
        services.write(orders, "Order", order.toString(), 1, new OrderLineAdded(order, LineId.random(),
                MenuItemId.random(), "Fries", "fryer", 1, List.of(), Money.ofCents(450), null, null,
                "extra\u0000crispy", List.of()), WAITER);
        services.write(orders, "Order", order.toString(), 2, new OrderCancelled(order, table, "guests\u0000left"),
                WAITER);

        JsonNode view = await().atMost(PATIENCE).until(() -> manager.get("/api/v1/orders/" + order),
                response -> response.status() == 200
                        && response.body().path("status").asText().equals("CANCELLED")).body();

        assertThat(view.path("lines").get(0).path("notes").asText()).isEqualTo("extra\uFFFDcrispy");
        assertThat(parkedEvents()).isZero();
    }

    @Test
    void anOrderEventTheViewCannotStoreIsParkedWithTheOrdersLaterEvents_otherOrdersGoOn_andARetryCatchesUp() {
        OrderId stuck = OrderId.random();
        OrderId next = OrderId.random();
        ApiClient admin = anonymous.as("ops", "ADMIN");
        String orders = kafka.topic(Topics.ORDER_EVENTS);
        jdbc.execute("alter table order_view add constraint refuses_one_order check (order_id <> '" + stuck.value()
                + "')");
        try {
            services.write(orders, "Order", stuck.toString(), 0, new OrderOpened(stuck, TableId.of(DEMO.table(6).id()),
                    6, 2), WAITER);
            services.write(orders, "Order", stuck.toString(), 1, new OrderCancelled(stuck,
                    TableId.of(DEMO.table(6).id()), "guests left"), WAITER);
            await().atMost(PATIENCE).until(() -> parkedEvents() == 2);

            services.write(orders, "Order", next.toString(), 0, new OrderOpened(next, TableId.of(DEMO.table(7).id()),
                    7, 2), WAITER);
            await().atMost(PATIENCE).until(() -> manager.get("/api/v1/orders/" + next).status() == 200);
            assertThat(manager.get("/api/v1/orders/" + stuck).status()).isEqualTo(404);
        } finally {
            jdbc.execute("alter table order_view drop constraint refuses_one_order");
        }

        var retried = admin.post("/actuator/deadletters/" + OrderViewProjection.GROUP, null);

        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().path("stillParked").path("events").asLong()).isZero();
        assertThat(manager.get("/api/v1/orders/" + stuck).body().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(parkedEvents()).isZero();
    }

    @Test
    void everyGroupFedFromKafkaHasADeadLetterQueue() {
        assertThat(anonymous.as("ops", "ADMIN").get("/actuator/deadletters").body().fieldNames()).toIterable()
                .containsExactlyInAnyOrder(OrderViewProjection.GROUP, KitchenBoardProjection.GROUP,
                        BillViewProjection.GROUP, ReplayProgressRelay.GROUP);
    }

    private Optional<JsonNode> boardTicket(TicketId ticket) {
        return StreamSupport.stream(cook.get("/api/v1/kitchen/board?station=grill").body().spliterator(), false)
                .filter(t -> t.path("ticketId").asText().equals(ticket.toString())).findFirst();
    }

    private long parkedEvents() {
        JsonNode groups = anonymous.as("ops", "ADMIN").get("/actuator/deadletters").body();
        return StreamSupport.stream(groups.spliterator(), false).mapToLong(group -> group.path("events").asLong())
                .sum();
    }
}
