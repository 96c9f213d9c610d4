package io.brigade.kitchen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.SentLine;
import io.brigade.kitchen.policy.OrderTicketPolicy;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TopicReader;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The kitchen service on its own, fed the order service's events exactly as the order service publishes them. */
@ServiceIntegrationTest
class KitchenTicketsIntegrationTest {

    private static final DemoData DEMO = DemoData.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KafkaEventWriter ORDER_SERVICE =
            new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BrigadeKafkaProperties kafka;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokens;
    @Autowired
    TransactionManager transactions;

    private ApiClient cook;
    private ApiClient waiter;

    @BeforeEach
    void clients() {
        ApiClient api = ApiClient.at("http://localhost:" + port);
        cook = api.as("cook", "KITCHEN");
        waiter = api.as("waiter", "STAFF");
    }

    @AfterAll
    static void closeWriter() {
        ORDER_SERVICE.close();
    }

    @Test
    void givenOrderSentWithLinesForTwoStations_thenOneTicketPerStationWithEverythingTheCookNeeds() {
        OrderId order = OrderId.random();
        SentLine steak = line("Ribeye steak 300g", 1, "no salt");
        SentLine burger = line("Brigade burger", 2, null);
        SentLine lemonade = line("House lemonade", 1, null);

        publish(order, sent(order, 1, steak, lemonade, burger));

        List<JsonNode> tickets = ticketsOf(order, 2);
        assertThat(tickets).extracting(t -> t.path("station").asText()).containsExactlyInAnyOrder("grill", "bar");
        JsonNode grill = tickets.stream().filter(t -> t.path("station").asText().equals("grill")).findFirst()
                .orElseThrow();
        assertThat(grill.path("ticketId").asText()).isEqualTo(TicketId.forSend(order, 1, "grill").toString());
        assertThat(grill.path("tableNumber").asInt()).isEqualTo(4);
        assertThat(ticketStatus(order)).isEqualTo("OPEN");
        assertThat(grill.path("items")).hasSize(2);
        JsonNode firstItem = grill.path("items").get(0);
        assertThat(firstItem.path("lineId").asText()).isEqualTo(steak.lineId().toString());
        assertThat(firstItem.path("seat").asInt()).isEqualTo(1);
        assertThat(firstItem.path("course").asInt()).isEqualTo(2);
        assertThat(firstItem.path("notes").asText()).isEqualTo("no salt");
        assertThat(firstItem.path("modifiers").toString()).contains("Béarnaise");
        assertThat(firstItem.path("allergens").toString()).isEqualTo(steak.allergens().stream()
                .map(a -> "\"" + a + "\"").toList().toString().replace(" ", ""));
        assertThat(firstItem.path("quantity").asInt()).isEqualTo(1);

        List<TopicReader.Record> published = TopicReader.readUntil(kafka.topic(Topics.KITCHEN_EVENTS),
                rs -> createdFor(rs, order) == 2, Duration.ofSeconds(30));
        assertThat(published.stream().filter(r -> r.json().contains(order.toString())))
                .allSatisfy(r -> assertThat(r.key()).isIn(TicketId.forSend(order, 1, "grill").toString(),
                        TicketId.forSend(order, 1, "bar").toString()));
    }

    @Test
    void givenLinesForAStationNamedInAnyCase_thenOneTicketForThatStation_andALineWithoutAStationGoesToTheKitchen() {
        OrderId order = OrderId.random();
        SentLine smoked = new SentLine(LineId.random(), io.brigade.contracts.catalog.MenuItemId.random(),
                "Smoked brisket", "Smoker", 1, List.of(), null, null, null, List.of());
        SentLine alsoSmoked = new SentLine(LineId.random(), io.brigade.contracts.catalog.MenuItemId.random(),
                "Smoked ribs", " smoker ", 1, List.of(), null, null, null, List.of());
        SentLine bread = new SentLine(LineId.random(), io.brigade.contracts.catalog.MenuItemId.random(),
                "Bread", null, 1, List.of(), null, null, null, List.of());
        publish(order, sent(order, 1, smoked, alsoSmoked, bread));

        assertThat(ticketsOf(order, 2)).extracting(t -> t.path("station").asText() + ":" + t.path("items").size())
                .containsExactlyInAnyOrder("smoker:2", "kitchen:1");
    }

    @Test
    void givenTheSameOrderLinesSentTwice_thenNoExtraTicketAndNoExtraEvent() {
        OrderId order = OrderId.random();
        OrderLinesSent first = sent(order, 1, line("Ribeye steak 300g", 1, null), line("House lemonade", 1, null));
        publish(order, first);
        ticketsOf(order, 2);
        long events = eventCount();

        publish(order, first);
        publish(order, sent(order, 2, line("Fries", 1, null)));

        ticketsOf(order, 3);
        assertThat(eventCount()).isEqualTo(events + 1);
        assertThat(ticketCreatedCount(order)).isEqualTo(3);
    }

    @Test
    void givenTheKitchenConsumerReplaysTheOrderTopicFromOffsetZero_thenNoExtraTicketAndNoExtraEvent() {
        OrderId order = OrderId.random();
        LineId voided = LineId.random();
        publish(order, sent(order, 1, line("Ribeye steak 300g", 1, null), withId(voided, line("Brigade burger", 1, null))));
        publish(order, new OrderLineVoided(order, voided, "grill", 1, "wrong table"));
        ticketsOf(order, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(TicketId.forSend(order, 1, "grill"))
                .contains("TicketItemVoided"));
        long events = eventCount();
        long tickets = jdbc.queryForObject("select count(*) from order_ticket", Long.class);

        TrackingEventProcessor consumer = processing
                .eventProcessor(OrderTicketPolicy.GROUP, TrackingEventProcessor.class).orElseThrow();
        consumer.shutDown();
        transactions.executeInTransaction(() -> tokens.storeToken(null, OrderTicketPolicy.GROUP, 0));
        AtomicInteger redelivered = new AtomicInteger();
        consumer.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof OrderLinesSent sent && sent.orderId().equals(order)) {
                redelivered.incrementAndGet();
            }
            return chain.proceed();
        });
        consumer.start();
        OrderId marker = OrderId.random();
        publish(marker, sent(marker, 1, line("Espresso", 1, null)));
        ticketsOf(marker, 1);

        assertThat(redelivered).hasValue(1);

        assertThat(jdbc.queryForObject("select count(*) from order_ticket", Long.class)).isEqualTo(tickets + 1);
        assertThat(eventCount()).isEqualTo(events + 1);
    }

    @Test
    void givenALineWhoseNotesHoldANulCharacter_thenItsTicketIsMade_andTheNextOrdersTicketFollowsWithinASecond() {
        OrderId order = OrderId.random();
        publish(order, sent(order, 1, line("Ribeye steak 300g", 1, "no\u0000salt")));

        JsonNode ticket = ticketsOf(order, 1).get(0);
        assertThat(ticket.path("items").get(0).path("notes").asText()).isEqualTo("no\u0000salt");
        assertThat(jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, TicketId.forSend(order, 1, "grill").toString()))
                .as("who sent the order, carried to the ticket").contains("\"username\":\"waiter\"");

        OrderId next = OrderId.random();
        publish(next, sent(next, 1, line("Brigade burger", 1, null)));
        assertThat(secondsUntilTicketOf(next)).isLessThan(1.0);
    }

    @Test
    void anEventThatFailsInTheKitchensProjectionIsParked_theNextOrdersTicketAppearsWithinASecond_andAnAdminRetriesIt() {
        OrderId poisoned = OrderId.random();
        ApiClient admin = ApiClient.at("http://localhost:" + port).as("ops", "ADMIN");
        jdbc.execute("alter table order_ticket add constraint refuses_one_order check (order_id <> '"
                + poisoned.value() + "')");
        try {
            publish(poisoned, sent(poisoned, 1, line("Ribeye steak 300g", 1, null)));
            publish(poisoned, new OrderCancelled(poisoned, TableId.of(DEMO.table(4).id()), "guests left"));
            await().atMost(Duration.ofSeconds(30)).until(() -> parkedEventsOf(admin, poisoned) == 2);

            OrderId next = OrderId.random();
            publish(next, sent(next, 1, line("Brigade burger", 1, null)));
            assertThat(secondsUntilTicketOf(next)).isLessThan(1.0);

            JsonNode parked = parkedSequence(admin, poisoned);
            assertThat(parked.path("event").asText()).isEqualTo("OrderLinesSent");
            assertThat(parked.path("cause").asText()).contains("refuses_one_order");
            assertThat(eventTypes(TicketId.forSend(poisoned, 1, "grill"))).isEmpty();
        } finally {
            jdbc.execute("alter table order_ticket drop constraint refuses_one_order");
        }

        assertThat(api().as("boss", "MANAGER").get("/actuator/deadletters").status()).isEqualTo(403);
        assertThat(api().as("boss", "MANAGER").post("/actuator/deadletters/" + OrderTicketPolicy.GROUP, null)
                .status()).isEqualTo(403);
        assertThat(api().anonymous().post("/actuator/deadletters/" + OrderTicketPolicy.GROUP, null).status())
                .isEqualTo(401);
        assertThat(admin.post("/actuator/deadletters/no-such-group", null).status()).isEqualTo(404);

        var retried = admin.post("/actuator/deadletters/" + OrderTicketPolicy.GROUP, null);

        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().path("sequencesHandled").asInt()).isEqualTo(1);
        assertThat(parkedEventsOf(admin, poisoned)).isZero();
        assertThat(eventTypes(TicketId.forSend(poisoned, 1, "grill"))).containsExactly("TicketCreated", "TicketVoided");
    }

    @Test
    void aCookStartsReadiesBumpsAndRecallsATicket_andIllegalMovesAreRefusedWithoutAnEvent() {
        OrderId order = OrderId.random();
        SentLine steak = line("Ribeye steak 300g", 1, null);
        SentLine burger = line("Brigade burger", 1, null);
        publish(order, sent(order, 1, steak, burger));
        ticketsOf(order, 1);
        String ticket = "/api/v1/kitchen/tickets/" + TicketId.forSend(order, 1, "grill");

        assertThat(cook.post(ticket + "/items/" + steak.lineId() + "/start", null).status()).isEqualTo(204);
        assertThat(cook.post(ticket + "/items/" + burger.lineId() + "/ready", null).status()).isEqualTo(204);
        long events = eventCount();

        var startAfterReady = cook.post(ticket + "/items/" + burger.lineId() + "/start", null);
        assertThat(startAfterReady.status()).isEqualTo(409);
        assertThat(startAfterReady.contentType()).startsWith("application/problem+json");
        var recallOpen = cook.post(ticket + "/recall", null);
        assertThat(recallOpen.status()).isEqualTo(409);
        assertThat(cook.post(ticket + "/items/" + LineId.random() + "/start", null).status()).isEqualTo(404);
        assertThat(cook.post("/api/v1/kitchen/tickets/" + TicketId.of(java.util.UUID.randomUUID()) + "/bump", null).status())
                .isEqualTo(404);
        assertThat(cook.post("/api/v1/kitchen/tickets/not-a-ticket/bump", null).status()).isEqualTo(400);
        assertThat(waiter.post(ticket + "/bump", null).status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(events);

        assertThat(cook.post(ticket + "/bump", null).status()).isEqualTo(204);
        assertThat(ticketStatus(order)).isEqualTo("CLOSED");
        assertThat(cook.post(ticket + "/recall", null).status()).isEqualTo(204);
        assertThat(ticketStatus(order)).isEqualTo("OPEN");
        assertThat(eventTypes(TicketId.forSend(order, 1, "grill"))).containsExactly(
                "TicketCreated", "TicketItemStarted", "TicketItemReady", "TicketBumped", "TicketRecalled");
    }

    @Test
    void aTicketsAuditTrailIsChainedFromCreationToBump_andReadByAuditorsOnly() {
        OrderId order = OrderId.random();
        SentLine steak = line("Ribeye steak 300g", 1, null);
        publish(order, sent(order, 1, steak));
        ticketsOf(order, 1);
        TicketId id = TicketId.forSend(order, 1, "grill");
        assertThat(cook.post("/api/v1/kitchen/tickets/" + id + "/items/" + steak.lineId() + "/start", null).status())
                .isEqualTo(204);
        assertThat(cook.post("/api/v1/kitchen/tickets/" + id + "/bump", null).status()).isEqualTo(204);

        ApiClient auditor = ApiClient.at("http://localhost:" + port).as("auditor", "AUDITOR");
        var events = auditor.get("/api/v1/audit/tickets/" + id + "/events").body();
        assertThat(events.size()).isEqualTo(eventTypes(id).size()).isGreaterThanOrEqualTo(3);
        assertThat(events.get(1).path("metadata").path("username").asText()).isEqualTo("cook");
        assertThat(events.get(1).path("previousHash").asText()).isEqualTo(events.get(0).path("hash").asText());
        var verdict = auditor.get("/api/v1/audit/tickets/" + id + "/verify").body();
        assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(cook.get("/api/v1/audit/tickets/" + id + "/verify").status()).isEqualTo(403);

        assertThat(auditor.post("/api/v1/audit/tickets/checkpoints", null).status()).isEqualTo(201);
        var store = auditor.get("/api/v1/audit/tickets/verify").body();
        assertThat(store.path("valid").asBoolean()).as(store.toString()).isTrue();
        assertThat(store.path("events").asLong()).isEqualTo(eventCount());
    }

    @Test
    void givenOrderCancelled_thenItsOpenTicketsAreVoidedAndItsBumpedTicketsStayDone() {
        OrderId order = OrderId.random();
        publish(order, sent(order, 1, line("Ribeye steak 300g", 1, null), line("House lemonade", 1, null)));
        ticketsOf(order, 2);
        assertThat(cook.post("/api/v1/kitchen/tickets/" + TicketId.forSend(order, 1, "bar") + "/bump", null)
                .status()).isEqualTo(204);

        publish(order, new OrderCancelled(order, TableId.of(DEMO.table(4).id()), "guests left"));

        TicketId grill = TicketId.forSend(order, 1, "grill");
        TicketId bar = TicketId.forSend(order, 1, "bar");
        await().atMost(Duration.ofSeconds(30)).until(() -> eventTypes(grill).contains("TicketVoided"));
        assertThat(eventTypes(bar)).containsExactly("TicketCreated", "TicketBumped");
        assertThat(jdbc.queryForObject("select count(*) from order_ticket where order_id = ? and open", Long.class,
                order.value())).isZero();
        var bumpVoided = cook.post("/api/v1/kitchen/tickets/" + TicketId.forSend(order, 1, "grill") + "/bump", null);
        assertThat(bumpVoided.status()).isEqualTo(409);
    }

    private SentLine line(String item, Integer seat, String notes) {
        DemoData.Item menuItem = DEMO.item(item);
        return new SentLine(LineId.random(), io.brigade.contracts.catalog.MenuItemId.of(menuItem.id()),
                menuItem.name(), menuItem.station(), 1,
                menuItem.modifiers().stream().map(DemoData.Modifier::name).limit(1).toList(), seat, 2, notes,
                menuItem.allergens());
    }

    private static SentLine withId(LineId id, SentLine line) {
        return new SentLine(id, line.menuItemId(), line.name(), line.station(), line.quantity(), line.modifiers(),
                line.seat(), line.course(), line.notes(), line.allergens());
    }

    private OrderLinesSent sent(OrderId order, int sendNumber, SentLine... lines) {
        return new OrderLinesSent(order, sendNumber, TableId.of(DEMO.table(4).id()), 4, null, List.of(lines));
    }

    private void publish(OrderId order, Object event) {
        ORDER_SERVICE.write(kafka.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 1, event,
                Map.of("username", "waiter", "role", "STAFF"));
    }

    /** The tickets the kitchen made for an order, as its TicketCreated events have them. */
    private List<JsonNode> ticketsOf(OrderId order, int expected) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> createdTickets(order), t -> t.size() >= expected);
    }

    private List<JsonNode> createdTickets(OrderId order) {
        return jdbc.queryForList("select convert_from(payload, 'UTF8') from domain_event_entry where payload_type = ? "
                        + "and convert_from(payload, 'UTF8') like ? order by global_index", String.class,
                "io.brigade.contracts.kitchen.TicketCreated", "%" + order + "%").stream()
                .map(KitchenTicketsIntegrationTest::json).toList();
    }

    private double secondsUntilTicketOf(OrderId order) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !createdTickets(order).isEmpty());
        return (System.nanoTime() - start) / 1e9;
    }

    private JsonNode parkedSequence(ApiClient admin, OrderId order) {
        JsonNode group = admin.get("/actuator/deadletters/" + OrderTicketPolicy.GROUP).body();
        return StreamSupport.stream(group.path("parked").spliterator(), false)
                .filter(sequence -> sequence.path("aggregateId").asText().equals(order.toString()))
                .findFirst().orElse(null);
    }

    private long parkedEventsOf(ApiClient admin, OrderId order) {
        JsonNode sequence = parkedSequence(admin, order);
        return sequence == null ? 0 : sequence.path("events").asLong();
    }

    private ApiClient api() {
        return ApiClient.at("http://localhost:" + port);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** OPEN while the kitchen would void the ticket on a cancellation, CLOSED once bumped or voided. */
    private String ticketStatus(OrderId order) {
        return jdbc.queryForObject("select case when open then 'OPEN' else 'CLOSED' end from order_ticket "
                + "where ticket_id = ?", String.class, TicketId.forSend(order, 1, "grill").value());
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    private long ticketCreatedCount(OrderId order) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type = ? "
                        + "and convert_from(payload, 'UTF8') like ?", Long.class,
                "io.brigade.contracts.kitchen.TicketCreated", "%" + order + "%");
    }

    private List<String> eventTypes(TicketId ticket) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                        + "order by sequence_number", String.class, ticket.toString()).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    private static long createdFor(List<TopicReader.Record> records, OrderId order) {
        return records.stream().filter(r -> r.type() != null && r.type().endsWith("TicketCreated"))
                .filter(r -> r.json().contains(order.toString())).count();
    }
}
