package io.brigade.reporting.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.billing.PaymentId;
import io.brigade.contracts.billing.PaymentMethod;
import io.brigade.contracts.billing.PaymentRecorded;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ApiRoles;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.reporting.ReportingApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.KitchenDelayed;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reporting service on its own, fed by events written to its topics as the order and billing services publish
 * them: who may read which report, what bad input gets, how soon a paid bill shows, and that an event delivered twice
 * counts once.
 */
@ServiceIntegrationTest
@SpringBootTest(classes = ReportingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportsEndpointsTest {

    private static final KafkaEventWriter SERVICES =
            new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    private static final List<ApiRoles.Endpoint> REPORTS = List.of(
            new ApiRoles.Endpoint("GET", "/api/v1/reports/sales?groupBy=day", Set.of("MANAGER")),
            new ApiRoles.Endpoint("GET", "/api/v1/reports/items", Set.of("MANAGER")),
            new ApiRoles.Endpoint("GET", "/api/v1/reports/kitchen", Set.of("MANAGER")),
            new ApiRoles.Endpoint("GET", "/api/v1/reports/adjustments", Set.of("MANAGER", "AUDITOR")),
            new ApiRoles.Endpoint("GET", "/api/v1/reports/replay", Set.of("MANAGER")));

    private static final KafkaProducer<String, byte[]> STAMPED = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()),
            new StringSerializer(), new ByteArraySerializer());
    private static final DefaultKafkaMessageConverter CONVERTER = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.builder().objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                    .build()).build();

    @LocalServerPort
    int port;
    @Autowired
    BrigadeKafkaProperties kafka;

    ApiClient anonymous;
    ApiClient manager;

    @BeforeEach
    void clients() {
        anonymous = ApiClient.at("http://localhost:" + port);
        manager = anonymous.as("manager", "MANAGER");
    }

    @AfterAll
    static void close() {
        SERVICES.close();
        STAMPED.close();
    }

    @Test
    void everyReportAnswersTheRolesOfTheApi_andNobodyWithoutAToken() {
        ApiRoles.assertEveryRoleReads(anonymous, REPORTS);
        for (String role : List.of("STAFF", "KITCHEN", "AUDITOR")) {
            assertThat(anonymous.as(role.toLowerCase(), role).post("/api/v1/reports/replay", null).status())
                    .as(role + " POST /reports/replay").isEqualTo(403);
        }
        assertThat(anonymous.post("/api/v1/reports/replay", null).status()).isEqualTo(401);
    }

    @Test
    void badRangesAndGroupingsAreProblemsNamingTheField() {
        Map<String, String> bad = Map.of(
                "from=yesterday", "from",
                "to=2026-13-45", "to",
                "from=2026-11-29&to=2026-11-28", "from",
                "from=2025-01-01&to=2026-11-28", "to",
                "from=2026-11-28T19:00:00Z&to=2026-11-28T18:00:00Z", "from",
                "from=" + "9".repeat(60), "from");
        for (String path : List.of("/api/v1/reports/sales", "/api/v1/reports/items", "/api/v1/reports/kitchen",
                "/api/v1/reports/adjustments")) {
            bad.forEach((query, field) -> {
                ApiClient.Response response = manager.get(path + "?" + query);
                assertThat(response.status()).as(path + "?" + query + ": " + response.raw()).isEqualTo(400);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo(field);
            });
        }
        ApiClient.Response week = manager.get("/api/v1/reports/sales?groupBy=week");
        assertThat(week.status()).isEqualTo(400);
        assertThat(week.body().path("errors").get(0).path("field").asText()).isEqualTo("groupBy");
        assertThat(manager.get("/api/v1/reports/sales?from=2026-11-28&to=2026-11-28&groupBy=HOUR").status())
                .isEqualTo(200);
    }

    @Test
    void aPaidBillShowsInTheSalesWithinASecondOfBillPaid_andTheSameEventsDeliveredAgainCountOnce() {
        OrderId order = OrderId.random();
        BillId bill = new BillId(UUID.randomUUID());
        String day = java.time.Instant.now().minus(Duration.ofHours(1)) + "&to="
                + java.time.Instant.now().plus(Duration.ofHours(1));
        long before = dayTotals(day).path("orders").asLong();
        Map<String, Object> waiter = Map.of("userId", UUID.randomUUID().toString(), "username", "camille",
                "role", "STAFF");
        Runnable publishAll = () -> {
            SERVICES.write(topic(Topics.ORDER_EVENTS), "Order", order.toString(), 0,
                    new OrderOpened(order, new TableId(UUID.randomUUID()), 7, 3), waiter);
            SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 0, issued(bill, order), waiter);
            SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 1,
                    new PaymentRecorded(bill, order, new PaymentId(UUID.randomUUID()), null, PaymentMethod.CARD,
                            new Money(4_400), new Money(500), Money.ZERO, null, Money.ZERO), waiter);
        };
        publishAll.run();
        long paidAt = System.nanoTime();
        SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 2, new BillPaid(bill, order), waiter);
        JsonNode totals = await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> dayTotals(day), t -> t.path("orders").asLong() == before + 1);
        long seenWithin = Duration.ofNanos(System.nanoTime() - paidAt).toMillis();
        assertThat(seenWithin).isLessThanOrEqualTo(1000);

        // the publisher delivers at least once: the same events again, as new records
        publishAll.run();
        SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 2, new BillPaid(bill, order), waiter);
        OrderId marker = OrderId.random();
        SERVICES.write(topic(Topics.ORDER_EVENTS), "Order", marker.toString(), 0,
                new OrderOpened(marker, new TableId(UUID.randomUUID()), 1, 1), waiter);
        await().atMost(Duration.ofSeconds(10)).until(() -> orderRows() >= 2);
        JsonNode again = dayTotals(day);
        assertThat(again).isEqualTo(totals);
        assertThat(again.path("covers").asLong()).isEqualTo(totals.path("covers").asLong());
    }

    @Test
    void aReplayRebuildsWhatWasThere_keepsWhatArrivesWhileItSwitches_andASecondOneWaits() throws Exception {
        String range = Instant.now().minus(Duration.ofHours(2)) + "&to=" + Instant.now().plus(Duration.ofHours(2));
        Map<String, Object> waiter = Map.of("username", "jules", "role", "STAFF");
        paidBill(waiter);
        long before = await().atMost(Duration.ofSeconds(10)).until(() -> dayTotals(range).path("orders").asLong(),
                orders -> orders > 0);

        try (Connection reader = dataSource.getConnection()) {
            reader.setAutoCommit(false);
            reader.createStatement().execute("select count(*) from reports.sale_entry");
            var started = manager.post("/api/v1/reports/replay", null);
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            assertThat(started.text("replayId")).isNotBlank();
            var second = anonymous.as("admin", "ADMIN").post("/api/v1/reports/replay", null);
            assertThat(second.status()).isEqualTo(409);
            assertThat(second.contentType()).startsWith("application/problem+json");
            // the rebuilt tables are ready and wait for this reader to let go of the live ones
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                    select count(*) from pg_stat_activity
                    where wait_event_type = 'Lock' and query like 'drop schema reports_old%'""", Long.class) == 1);
            paidBill(waiter);
            reader.rollback();
        }
        JsonNode done = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> manager.get("/api/v1/reports/replay").body(), s -> !s.path("state").asText()
                        .equals("RUNNING"));
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        await().atMost(Duration.ofSeconds(10)).until(() -> dayTotals(range).path("orders").asLong() == before + 1);
    }

    private void paidBill(Map<String, Object> waiter) {
        OrderId order = OrderId.random();
        BillId bill = new BillId(UUID.randomUUID());
        SERVICES.write(topic(Topics.ORDER_EVENTS), "Order", order.toString(), 0,
                new OrderOpened(order, new TableId(UUID.randomUUID()), 3, 2), waiter);
        SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 0, issued(bill, order), waiter);
        SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 1,
                new PaymentRecorded(bill, order, new PaymentId(UUID.randomUUID()), null, PaymentMethod.CASH,
                        new Money(4_400), Money.ZERO, Money.ZERO, null, Money.ZERO), waiter);
        SERVICES.write(topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 2, new BillPaid(bill, order), waiter);
    }

    @Test
    void kitchenTimesRunFromTicketCreatedToItsLastBump_perStation_withEachDelayedTicketCountedOnce() {
        Instant evening = LocalDate.of(2026, 6, 15).atTime(19, 0).atZone(ZoneId.of("Europe/Paris")).toInstant();
        OrderId order = OrderId.random();
        Map<String, Object> cook = Map.of("username", "carlos", "role", "KITCHEN");
        writeAt(Topics.ORDER_EVENTS, "Order", order.toString(), 0, new OrderOpened(order,
                new TableId(UUID.randomUUID()), 4, 2), Map.of("username", "camille", "role", "STAFF"), evening);
        TicketId slow = ticket(order, 1, "grill", cook, evening, 600);
        TicketId recalled = ticket(order, 2, "grill", cook, evening.plusSeconds(60), 180);
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", recalled.toString(), 2,
                new TicketRecalled(recalled, order, List.of()), cook, evening.plusSeconds(300));
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", recalled.toString(), 3,
                new TicketBumped(recalled, order, List.of()), cook, evening.plusSeconds(360));
        TicketId late = ticket(order, 3, "Grill ", cook, evening.plusSeconds(120), 1080);
        TicketId dropped = ticket(order, 4, "grill", cook, evening.plusSeconds(130), 5);
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", dropped.toString(), 2,
                new TicketVoided(dropped, order, "order cancelled"), cook, evening.plusSeconds(140));
        TicketId waiting = TicketId.forSend(order, 5, "bar");
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", waiting.toString(), 0, new TicketCreated(waiting, order, 5,
                4, "bar", List.of()), cook, evening);
        for (long sequence = 1; sequence <= 2; sequence++) {
            writeAt(Topics.ORDER_EVENTS, "Order", order.toString(), sequence, new KitchenDelayed(order, late, "grill",
                    evening.plusSeconds(120)), Map.of(), evening.plusSeconds(1000 + sequence));
        }
        assertThat(slow).isNotEqualTo(late);

        JsonNode kitchen = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> manager.get("/api/v1/reports/kitchen?from=2026-06-15&to=2026-06-15").body(),
                        k -> k.size() == 2 && k.get(1).path("delayed").asLong() == 1);
        assertThat(kitchen.get(0).toString()).isEqualTo(
                "{\"station\":\"bar\",\"tickets\":1,\"p50Seconds\":null,\"p90Seconds\":null,"
                        + "\"maxSeconds\":null,\"delayed\":0}");
        JsonNode grill = kitchen.get(1);
        assertThat(grill.path("station").asText()).isEqualTo("grill");
        assertThat(grill.path("tickets").asLong()).isEqualTo(3);
        // 300 s (bumped again after its recall), 600 s, 1080 s: nearest rank
        assertThat(grill.path("p50Seconds").decimalValue()).isEqualByComparingTo("600");
        assertThat(grill.path("p90Seconds").decimalValue()).isEqualByComparingTo("1080");
        assertThat(grill.path("maxSeconds").decimalValue()).isEqualByComparingTo("1080");
        assertThat(manager.get("/api/v1/reports/kitchen?from=2026-06-16&to=2026-06-16").body()).isEmpty();
    }

    private TicketId ticket(OrderId order, int send, String station, Map<String, Object> cook, Instant created,
                            long seconds) {
        TicketId ticket = TicketId.forSend(order, send, station);
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), 0, new TicketCreated(ticket, order, send, 4,
                station, List.of()), cook, created);
        writeAt(Topics.KITCHEN_EVENTS, "KitchenTicket", ticket.toString(), 1, new TicketBumped(ticket, order,
                List.of()), cook, created.plusSeconds(seconds));
        return ticket;
    }

    /** Writes an event as its service publishes it, stamped with the instant it happened. */
    private void writeAt(String topic, String type, String id, long sequence, Object payload, Map<String, ?> who,
                         Instant at) {
        var message = new GenericDomainEventMessage<>(type, id, sequence, payload, who, UUID.randomUUID().toString(),
                at);
        try {
            STAMPED.send(CONVERTER.createKafkaMessage(message, topic(topic))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode dayTotals(String range) {
        ApiClient.Response response = manager.get("/api/v1/reports/sales?groupBy=day&from=" + range);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("totals");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    javax.sql.DataSource dataSource;

    private long orderRows() {
        return jdbc.queryForObject("select count(*) from reports.report_order", Long.class);
    }

    private BillIssued issued(BillId bill, OrderId order) {
        BillAmounts amounts = new BillAmounts(new Money(4_400), Money.ZERO, Money.ZERO, new Money(400),
                new Money(4_400));
        return new BillIssued(bill, order, 1, 7,
                List.of(new BilledLine(new LineId(UUID.randomUUID()), new MenuItemId(UUID.randomUUID()), "Ribeye", 1,
                        new Money(4_400), new Money(4_400), 1)),
                new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO), amounts);
    }

    private String topic(String name) {
        return kafka.topic(name);
    }
}
