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

import java.math.BigDecimal;
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
    }

    @Test
    void everyReportAnswersTheRolesOfTheApi_andNobodyWithoutAToken() {
        for (ApiRoles.Endpoint endpoint : REPORTS) {
            assertThat(anonymous.get(endpoint.path()).status()).as("no token: " + endpoint).isEqualTo(401);
            for (String role : ApiRoles.EVERY_ROLE) {
                ApiClient.Response response = anonymous.as(role.toLowerCase(), role).get(endpoint.path());
                if (endpoint.allows(role)) {
                    assertThat(response.status()).as(role + " " + endpoint + ": " + response.raw()).isEqualTo(200);
                } else {
                    assertThat(response.status()).as(role + " " + endpoint).isEqualTo(403);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }
            }
        }
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

    private JsonNode dayTotals(String range) {
        ApiClient.Response response = manager.get("/api/v1/reports/sales?groupBy=day&from=" + range);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().path("totals");
    }

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private long orderRows() {
        return jdbc.queryForObject("select count(*) from reports.report_order", Long.class);
    }

    private BillIssued issued(BillId bill, OrderId order) {
        BillAmounts amounts = new BillAmounts(new Money(4_400), Money.ZERO, Money.ZERO, new Money(400),
                new Money(4_400));
        return new BillIssued(bill, order, new Money(4_400), 1, 7,
                List.of(new BilledLine(new LineId(UUID.randomUUID()), new MenuItemId(UUID.randomUUID()), "Ribeye", 1,
                        new Money(4_400), new Money(4_400), 1)),
                new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO), amounts);
    }

    private String topic(String name) {
        return kafka.topic(name);
    }
}
