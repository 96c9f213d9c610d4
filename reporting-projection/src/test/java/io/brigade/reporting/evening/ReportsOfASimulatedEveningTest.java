package io.brigade.reporting.evening;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.Topics;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.StompClient;
import io.brigade.platform.test.TestTokens;
import io.brigade.reporting.feed.ReportFeed;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.brigade.platform.test.StompClient.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two evenings of service through the real order, kitchen and billing services; every figure of every report is
 * worked out again from the events those services published, and must be equal, before and after a replay from
 * offset zero, which the manager watches through the gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsOfASimulatedEveningTest {

    private static final Logger log = LoggerFactory.getLogger(ReportsOfASimulatedEveningTest.class);
    /**
     * Evenings a few days ahead: the services schedule their deadlines (a ticket not started, a bill left open) on the
     * events' clock, and evenings in the past would have every one of them fall due at once.
     */
    private static final LocalDate FIRST = LocalDate.now(SimulatedEvening.PARIS).plusDays(3);
    private static final LocalDate SECOND = FIRST.plusDays(1);
    private static final int ROUNDS_AN_EVENING = Integer.getInteger("evening.rounds", 16);

    private static SimulatedClock clock;
    private static EveningRestaurant restaurant;
    private static SimulatedEvening evening;
    private static ExpectedReports expected;
    private static ApiClient manager;

    @BeforeAll
    static void playTwoEvenings() throws Exception {
        clock = new SimulatedClock(SimulatedEvening.evening(FIRST).minus(Duration.ofMinutes(30)));
        GenericEventMessage.clock = clock;
        restaurant = new EveningRestaurant();
        evening = new SimulatedEvening(restaurant, clock);
        evening.play(FIRST, ROUNDS_AN_EVENING);
        evening.play(SECOND, ROUNDS_AN_EVENING);
        log.info("Played {} orders: {}", evening.orders.get(), evening.happened);
        manager = restaurant.throughGateway("marco", "MANAGER");
        expected = settledExpectations();
    }

    @AfterAll
    static void close() {
        GenericEventMessage.clock = Clock.systemUTC();
        if (restaurant != null) {
            restaurant.close();
        }
    }

    /** Once nothing is published any more and the reports have read it all: what the events say. */
    private static ExpectedReports settledExpectations() throws Exception {
        List<String> topics = List.of(Topics.ORDER_EVENTS, Topics.KITCHEN_EVENTS, Topics.BILLING_EVENTS,
                Topics.CATALOG_EVENTS, Topics.AUTH_EVENTS).stream().map(restaurant.stage::topic).toList();
        JdbcTemplate reports = restaurant.reporting.bean(JdbcTemplate.class);
        long[] last = {-1};
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    long read = reports.queryForObject("select coalesce(sum(next_offset), 0) from reports.feed_offset",
                            Long.class);
                    boolean settled = read == last[0];
                    last[0] = read;
                    return settled;
                });
        return new ExpectedReports(PublishedEvents.read(topics), SimulatedEvening.PARIS);
    }

    @Test
    @Order(1)
    void theEveningHadEverythingAManagerAsksAbout() {
        assertThat(evening.orders.get()).isGreaterThanOrEqualTo(300);
        assertThat(evening.happened).containsKeys("line taken back", "cancelled before sending",
                "cancelled after sending", "line voided", "transfer", "discount", "comp", "split", "refund",
                "paid again after a refund", "ticket recalled");
        assertThat(expected.paidBills()).isGreaterThan(250);
        assertThat(expected.eventsOf("VOID")).isPositive();
        assertThat(expected.eventsOf("COMP")).isPositive();
        assertThat(expected.eventsOf("REFUND")).isPositive();
        log.info("Tickets reported delayed: {}; bills voided: {}", expected.delayedTickets(),
                expected.eventsOf("BILL_VOID"));
    }

    @Test
    @Order(2)
    void everyFigureOfEveryReportIsWhatThePublishedEventsSay() {
        everyReportMatches();
    }

    @Test
    @Order(3)
    void aReplayWatchedThroughTheGatewayRebuildsTheSameFigures_andASecondOneWaits() throws Exception {
        try (StompClient screen = StompClient.connect(restaurant.ws(), TestTokens.accessToken("marco", "MANAGER"));
             StompClient waiterPhone = StompClient.connect(restaurant.ws(), TestTokens.accessToken("wendy", "STAFF"))) {
            List<StompClient.Received> progress = screen.subscribe("/topic/reports.replay");
            waiterPhone.subscribe("/topic/reports.replay");
            await().atMost(Duration.ofSeconds(10)).until(() -> !waiterPhone.errors().isEmpty());

            String replayId;
            try (Connection reader = holdTheLiveTables()) {
                var started = manager.post("/api/v1/reports/replay", null);
                assertThat(started.status()).as(started.raw()).isEqualTo(202);
                replayId = started.text("replayId");
                var second = manager.post("/api/v1/reports/replay", null);
                assertThat(second.status()).as(second.raw()).isEqualTo(409);
                assertThat(second.contentType()).startsWith("application/problem+json");
                assertThat(manager.get("/api/v1/reports/replay").body().path("state").asText()).isEqualTo("RUNNING");
                reader.rollback();
            }
            JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> manager.get("/api/v1/reports/replay").body(),
                            s -> !s.path("state").asText().equals("RUNNING"));
            assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.path("processed").asLong()).isPositive().isEqualTo(done.path("total").asLong());
            assertThat(done.path("eventsPerSecond").asLong()).isPositive();
            assertThat(done.path("startedAt").asText()).isNotEmpty();
            assertThat(done.path("finishedAt").asText()).isNotEmpty();

            StompClient.Received last = awaitMessage(progress, m -> m.type().equals("replay:progress")
                    && m.data().path("state").asText().equals("DONE"), Duration.ofSeconds(20));
            assertThat(last.data().path("replayId").asText()).isEqualTo(replayId);
            assertThat(last.data().path("processed").asLong()).isEqualTo(done.path("processed").asLong());
            assertThat(progress.stream().filter(m -> m.data().path("state").asText().equals("RUNNING")))
                    .as("progress while it ran").isNotEmpty();
            List<Long> versions = progress.stream().map(m -> m.body().path("version").asLong()).toList();
            assertThat(versions).isSorted();
        }
        everyReportMatches();
        assertThat(restaurant.reporting.bean(JdbcTemplate.class)
                .queryForList("select nspname from pg_namespace where nspname like 'reports%'", String.class))
                .containsExactly("reports");
    }

    @Test
    @Order(4)
    void afterTheReplayTheReportsFollowTheServiceAgain() throws Exception {
        long feedBatches = restaurant.reporting.bean(ReportFeed.class).appliedBatches();
        String range = "from=" + clock.instant().minus(Duration.ofHours(1)) + "&to="
                + clock.instant().plus(Duration.ofHours(2));
        long before = manager.get("/api/v1/reports/sales?groupBy=day&" + range).body().path("totals")
                .path("orders").asLong();
        evening.play(SECOND, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> manager.get("/api/v1/reports/sales?groupBy=day&" + range)
                .body().path("totals").path("orders").asLong() > before);
        assertThat(restaurant.reporting.bean(ReportFeed.class).appliedBatches()).isGreaterThan(feedBatches);
        expected = settledExpectations();
        everyReportMatches();
    }

    @Test
    @Order(5)
    void aReplayThatCannotSwitchFails_andLeavesTheOldTablesAnswering() throws Exception {
        try (Connection reader = holdTheLiveTables()) {
            assertThat(manager.post("/api/v1/reports/replay", null).status()).isEqualTo(202);
            JsonNode failed = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> manager.get("/api/v1/reports/replay").body(),
                            s -> !s.path("state").asText().equals("RUNNING"));
            assertThat(failed.path("state").asText()).isEqualTo("FAILED");
            assertThat(failed.path("reason").asText()).contains("lock");
            reader.rollback();
        }
        everyReportMatches();
        assertThat(restaurant.reporting.bean(JdbcTemplate.class)
                .queryForList("select nspname from pg_namespace where nspname like 'reports%'", String.class))
                .containsExactly("reports");
    }

    /** The two evenings as dates, which the reports read as whole days in the restaurant's zone. */
    private static String days() {
        return "from=" + FIRST + "&to=" + SECOND;
    }

    /** A report query that keeps reading the live tables: the switch to new ones has to wait for it. */
    private static Connection holdTheLiveTables() throws Exception {
        Connection connection = restaurant.reporting.bean(DataSource.class).getConnection();
        connection.setAutoCommit(false);
        connection.createStatement().execute("select count(*) from reports.sale_entry");
        return connection;
    }

    private static void everyReportMatches() {
        Instant from = FIRST.atStartOfDay(SimulatedEvening.PARIS).toInstant();
        Instant to = SECOND.plusDays(1).atStartOfDay(SimulatedEvening.PARIS).toInstant();
        for (String groupBy : List.of("hour", "day", "waiter", "table")) {
            JsonNode sales = manager.get("/api/v1/reports/sales?" + days() + "&groupBy=" + groupBy)
                    .body();
            JsonNode want = expected.sales(from, to, groupBy);
            assertThat(sales.path("rows")).as("sales by " + groupBy).isEqualTo(want.path("rows"));
            assertThat(sales.path("totals")).as("sales totals by " + groupBy).isEqualTo(want.path("totals"));
            assertThat(sales.path("timeZone").asText()).isEqualTo("Europe/Paris");
        }
        // a window of instants inside the second evening
        Instant windowFrom = SimulatedEvening.evening(SECOND).plus(Duration.ofMinutes(50));
        Instant windowTo = windowFrom.plus(Duration.ofMinutes(95));
        String window = "from=" + windowFrom + "&to=" + windowTo;
        assertThat(manager.get("/api/v1/reports/sales?groupBy=hour&" + window).body().path("rows"))
                .isEqualTo(expected.sales(windowFrom, windowTo, "hour").path("rows"));
        assertThat(manager.get("/api/v1/reports/items?" + days()).body())
                .isEqualTo(expected.items(from, to));
        assertThat(manager.get("/api/v1/reports/items?" + window).body()).isEqualTo(expected.items(windowFrom, windowTo));
        assertThat(manager.get("/api/v1/reports/kitchen?" + days()).body())
                .isEqualTo(expected.kitchen(from, to));
        assertThat(manager.get("/api/v1/reports/kitchen?" + window).body())
                .isEqualTo(expected.kitchen(windowFrom, windowTo));
        ApiClient auditor = restaurant.throughGateway("audrey", "AUDITOR");
        assertThat(auditor.get("/api/v1/reports/adjustments?" + days()).body())
                .isEqualTo(expected.adjustments(from, to));
        assertThat(manager.get("/api/v1/reports/adjustments?" + window).body())
                .isEqualTo(expected.adjustments(windowFrom, windowTo));
    }
}
