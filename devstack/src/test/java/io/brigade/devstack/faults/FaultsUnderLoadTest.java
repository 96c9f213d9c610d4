package io.brigade.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.devstack.RunningDevstack;
import io.brigade.devstack.faults.EventStores.StoredEvent;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.hostile.Endpoints;
import io.brigade.platform.test.hostile.HostileTargets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jepsen-style: a {@code --processes} devstack serves a steady dinner (waiters from table to paid bill, cooks at every
 * station, hostile clients mixed in) while each command service, catalog-query, the gateway, the Kafka broker and
 * PostgreSQL are killed with {@code kill -9} in turn and come back. Every request and its answer is kept; afterwards
 * the history is checked against what the services stored and published: no acknowledged command lost, none applied
 * twice, every view a fold of its events, the kitchen's tickets the lines sent, the reports the bills paid, no dead
 * letters, every processor caught up, hostile requests refused without effect, and every command that got an error or
 * no answer applied once at most and exactly once after a retry with the same ids. Figures per fault go to the output
 * and to {@code target/faults/faults-under-load.json}.
 */
@Tag("faults")
class FaultsUnderLoadTest {

    private static final DemoData DEMO = RunningDevstack.DEMO;
    /**
     * The parts killed in turn (what the devstack calls them, and the phases of the run); {@code faults.parts} picks
     * some of them, e.g. {@code PostgreSQL,Kafka}.
     */
    private static final List<String> FAULTS = List.of(System.getProperty("faults.parts",
            "order-command,kitchen-command,billing-command,catalog-query,gateway,Kafka,PostgreSQL").split(","));
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("auth-service", 8081, "order-command", 8082,
            "kitchen-command", 8083, "billing-command", 8084, "catalog-query", 8085, "reporting-projection", 8086);
    private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(Long.getLong("faults.load-before", 10));
    private static final Duration LOAD_AFTER_BACK = Duration.ofSeconds(Long.getLong("faults.load-after", 10));
    private static final Duration LAG_PATIENCE = Duration.ofSeconds(60);
    private static final int WAITERS = Integer.getInteger("faults.waiters", 6);
    private static final long CAUGHT_UP_UNDER_LOAD = 5;
    private static final String STAFF_PASSWORD = "faults-brigade-2026";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private DevstackInProcesses devstack;
    private final History history = new History();
    private volatile String down = "";
    private FloorClient admin;

    @AfterEach
    void stop() {
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void underLoad_everyPartKilledInTurn_nothingAcknowledgedIsLostOrDoubled() throws Exception {
        // the kept data durable, as an operator runs it: with fsync and synchronous commits off, a kill -9 of the
        // PostgreSQL server loses the commits of its last moments, which it had already acknowledged
        devstack = DevstackInProcesses.start(Map.of(
                // every client of the run comes from this one address; the per-user limits stay
                "BRIGADE_GATEWAY_RATELIMIT_PERADDRESSPERSECOND", "1000000",
                "BRIGADE_GATEWAY_RATELIMIT_PERADDRESSBURST", "1000000",
                // the quick compiler only: every part starts and restarts with less CPU, which a shared machine lacks
                "BRIGADE_PROCESS_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1",
                // the orders the hostile requests aim at wait untouched for the whole run: no delay raised on them
                "BRIGADE_KITCHEN_START_WITHIN", "PT3H", "BRIGADE_BILL_SETTLED_WITHIN", "PT3H"));
        String gateway = devstack.gateway();
        admin = demoClient("admin");
        FloorClient manager = demoClient("manager");

        List<FloorClient> waiters = new ArrayList<>();
        for (int i = 1; i <= WAITERS; i++) {
            waiters.add(staff("waiter-" + i, "STAFF"));
        }
        Map<String, FloorClient> cooks = new LinkedHashMap<>();
        for (String station : List.of("grill", "fryer", "cold", "bar", "pastry")) {
            cooks.put(station, staff("cook-" + station, "KITCHEN"));
        }
        BlockingDeque<String> tables = new LinkedBlockingDeque<>();
        IntStream.rangeClosed(1, Integer.getInteger("faults.tables", 300)).forEach(n -> tables.add(accepted(
                manager.command("setup: table", Map.of(), "POST", "/api/v1/tables",
                        Map.of("number", 1000 + n, "seats", 4, "zone", "Faults"))).body().path("id").asText()));
        DinnerService.Menu menu = menu(manager);

        HostileTargets targets = HostileTargets.open(ApiClient.at(gateway), staffTokens(),
                DEMO.table(6).id(), DEMO.table(7).id(), DEMO.table(8).id(),
                DEMO.users().stream().filter(u -> u.username().equals("waiter")).findFirst().orElseThrow().id(),
                DEMO.item("Brigade burger").id(), DEMO.categories().get(0).id());
        Set<String> targetOrders = Set.of(targets.orderId().toString(), targets.billedOrderId().toString());
        awaitCaughtUp(Duration.ofMinutes(2));
        Map<String, Long> untouchedBefore = untouched(targets);

        DinnerService dinner = new DinnerService(waiters, cooks, tables, menu, targetOrders);
        HostileMix hostile = new HostileMix(gateway, () -> Endpoints.of(targets.signedInAgain(staffTokens())),
                () -> cooks.get("grill").token(), history::phase, () -> down,
                Double.parseDouble(System.getProperty("faults.hostile-per-second", "3")));
        long loadStarted = System.nanoTime();
        dinner.start();
        hostile.start();
        DevstackInProcesses.sleep(LOAD_BEFORE_KILL);

        Map<String, Map<String, Object>> faults = new LinkedHashMap<>();
        for (String part : FAULTS) {
            history.phase(part);
            DevstackInProcesses.sleep(LOAD_BEFORE_KILL);
            down = part;
            Duration back = devstack.killAndAwaitComeback(part, Duration.ofMinutes(5));
            long backAt = System.nanoTime();
            // under steady load a processor is rarely at 0 at the very moment it is read: within a few events is
            // caught up; the run's end, with the load stopped, asks for 0
            Duration caughtUp = awaitCaughtUp(Duration.ofMinutes(3), CAUGHT_UP_UNDER_LOAD);
            DevstackInProcesses.sleep(Duration.ofSeconds(5));
            down = "";
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("backAfterSeconds", seconds(back));
            figures.put("lagCaughtUpSecondsAfterBack", caughtUp == null ? null : seconds(caughtUp));
            faults.put(part, figures);
            System.out.printf("%s killed: back after %.1f s, every processor's lag within %d events %s after%n", part,
                    seconds(back), CAUGHT_UP_UNDER_LOAD, caughtUp == null ? "not within 3 min"
                            : String.format("%.1f s", seconds(caughtUp)));
            Duration since = Duration.ofNanos(System.nanoTime() - backAt);
            if (since.compareTo(LOAD_AFTER_BACK) < 0) {
                DevstackInProcesses.sleep(LOAD_AFTER_BACK.minus(since));
            }
        }
        history.phase("after the faults");
        hostile.stop();
        dinner.close();
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        Duration lastCaughtUp = awaitCaughtUp(Duration.ofMinutes(3));

        // commands that got an error or no answer: at most once so far, and exactly once after a retry
        Effects before = effects();
        List<History.Entry> uncertain = history.entries(e -> e.isCommand() && e.uncertain() && !e.retry()
                && !e.command().startsWith("setup"));
        List<String> partlyApplied = uncertain.stream().filter(e -> before.of(e) > 1 || before.doubled(e))
                .map(FaultsUnderLoadTest::describe).toList();
        long appliedBeforeRetry = uncertain.stream().filter(e -> before.of(e) == 1).count();
        history.phase("retries");
        Map<String, FloorClient> clients = new LinkedHashMap<>();
        waiters.forEach(w -> clients.put(w.name(), w));
        cooks.values().forEach(c -> clients.put(c.name(), c));
        Map<History.Entry, FloorClient.Answer> retried = new LinkedHashMap<>();
        for (History.Entry entry : uncertain) {
            retried.put(entry, clients.get(entry.client()).retry(entry));
        }
        Duration retriesCaughtUp = awaitCaughtUp(Duration.ofMinutes(2));

        Effects effects = effects();
        List<History.Entry> commands = history.entries(e -> e.isCommand() && !e.command().startsWith("setup"));
        List<String> lost = commands.stream().filter(effects::lost).map(FaultsUnderLoadTest::describe).toList();
        List<String> doubled = commands.stream().filter(effects::doubled).map(FaultsUnderLoadTest::describe)
                .toList();
        List<String> notConverged = retried.entrySet().stream()
                .filter(r -> r.getValue().acknowledged() ? effects.of(r.getKey()) != 1 : effects.of(r.getKey()) > 1)
                .map(r -> describe(r.getKey()) + " retried: " + r.getValue().status()).toList();

        List<String> kafkaMissing = new ArrayList<>();
        long kafkaDuplicates = 0;
        Map<String, List<StoredEvent>> topics = Map.of("brigade.order.events", effects.orders(),
                "brigade.kitchen.events", effects.kitchen(), "brigade.billing.events", effects.billing());
        for (Map.Entry<String, List<StoredEvent>> topic : topics.entrySet()) {
            Map<String, Integer> published = EventStores.publishedIds(devstack.kafka(), topic.getKey());
            for (StoredEvent event : topic.getValue()) {
                int times = published.getOrDefault(event.eventId(), 0);
                if (times == 0) {
                    kafkaMissing.add(topic.getKey() + ": " + event.type() + " " + event.aggregateId() + "#"
                            + event.sequence());
                }
                kafkaDuplicates += Math.max(0, times - 1);
            }
        }

        List<String> viewsNotFolds = viewsThatAreNotFolds(effects);
        List<String> sent = effects.linesSent();
        List<String> onTickets = effects.ticketItems();
        Map<String, Object> sales = salesAgainstBills(effects, manager);
        Map<String, Object> deadLetters = deadLetters();

        List<HostileMix.Sent> hostileSent = hostile.sent();
        List<HostileMix.Sent> hostileWrong = hostileSent.stream().filter(h -> !acceptableHostileAnswer(h)).toList();
        Map<String, Long> untouchedAfter = untouched(targets);
        List<String> unexplained = unexplainedEvents(effects);

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("loadSeconds", Math.round(loadSeconds));
        report.put("waiters", WAITERS);
        report.put("tablesPaid", dinner.tablesPaid());
        report.put("faults", table(faults, effects, hostileSent));
        report.put("lagZeroSecondsAfterLoadStopped", lastCaughtUp == null ? null : seconds(lastCaughtUp));
        report.put("uncertainCommands", uncertain.size());
        report.put("uncertainAppliedBeforeRetry", appliedBeforeRetry);
        report.put("retriedAcknowledged", retried.values().stream().filter(FloorClient.Answer::acknowledged).count());
        report.put("retriesLagZeroSeconds", retriesCaughtUp == null ? null : seconds(retriesCaughtUp));
        report.put("kafkaRecordsMissing", kafkaMissing.size());
        report.put("kafkaDuplicateRecords", kafkaDuplicates);
        report.put("ordersCheckedAgainstTheirEvents", effects.orders().stream()
                .filter(e -> e.type().equals("OrderOpened")).count());
        report.put("linesSent", sent.size());
        report.put("ticketItems", onTickets.size());
        report.put("sales", sales);
        report.put("deadLetters", deadLetters);
        report.put("hostileSent", hostileSent.size());
        report.put("hostileRefused", hostileSent.stream().filter(HostileMix.Sent::refused).count());
        report.put("hostileUnreachableOrUnavailableWhileAPartWasDown", hostileSent.stream()
                .filter(h -> !h.refused() && acceptableHostileAnswer(h)).count());
        report.put("hostileStatuses", hostileSent.stream().collect(Collectors.groupingBy(
                h -> String.valueOf(h.status()), TreeMap::new, Collectors.counting())));
        report.put("lostCommands", lost);
        report.put("doubledCommands", doubled);
        report.put("storedTwice", effects.storedTwice());
        report.put("partlyApplied", partlyApplied);
        report.put("retriesNotConverged", notConverged);
        report.put("kafkaMissing", kafkaMissing);
        report.put("viewsNotFolds", viewsNotFolds);
        report.put("hostileNotRefused", hostileWrong.stream().map(HostileMix.Sent::toString).toList());
        report.put("hostileTargetsBefore", untouchedBefore);
        report.put("hostileTargetsAfter", untouchedAfter);
        report.put("unexplainedEvents", unexplained);
        write(report, history);
        System.out.println("Faults under load:\n" + FloorClient.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(report));

        assertThat(lost).as("commands answered 2xx with no event in the owning store").isEmpty();
        assertThat(doubled).as("commands whose effect was stored twice").isEmpty();
        assertThat(effects.storedTwice()).as("events stored twice for one id").isEmpty();
        assertThat(partlyApplied).as("commands with an error applied more than once before the retry").isEmpty();
        assertThat(notConverged).as("retries with the same ids that did not end with exactly one effect").isEmpty();
        assertThat(kafkaMissing).as("stored events not on their topic").isEmpty();
        assertThat(viewsNotFolds).as("order views that are not the fold of their events").isEmpty();
        assertThat(onTickets).as("ticket items against the lines sent").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(sales.get("mismatches")).as("reports against the bills paid: " + sales).isEqualTo(List.of());
        assertThat(deadLetters.values()).as("dead letters: " + deadLetters).allMatch(parked -> parked.equals(0L));
        assertThat(lastCaughtUp).as("every processor's lag back to 0 within %s of the last restart", LAG_PATIENCE)
                .isNotNull().isLessThanOrEqualTo(LAG_PATIENCE);
        faults.forEach((part, figures) -> assertThat(figures.get("lagCaughtUpSecondsAfterBack"))
                .as("lag back to 0 after %s came back", part).isNotNull());
        assertThat(hostileSent).as("hostile requests mixed in").hasSizeGreaterThan(50);
        assertThat(hostileWrong).as("hostile requests not refused").isEmpty();
        assertThat(untouchedAfter).as("what the hostile requests aimed at").isEqualTo(untouchedBefore);
        assertThat(unexplained).as("events no client of the run asked for").isEmpty();
    }

    /** The per-fault table: commands sent under each fault and what became of them. */
    private List<Map<String, Object>> table(Map<String, Map<String, Object>> faults, Effects effects,
                                            List<HostileMix.Sent> hostile) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> phases = new ArrayList<>(List.of("warm-up"));
        phases.addAll(faults.keySet());
        phases.add("after the faults");
        phases.add("retries");
        System.out.printf("%-18s %6s %6s %6s %6s %5s %7s %7s %9s %8s %8s%n", "fault", "sent", "2xx", "4xx",
                "error", "lost", "doubled", "back s", "lag 0 s", "hostile", "refused");
        for (String phase : phases) {
            List<History.Entry> sent = history.entries(e -> e.isCommand() && e.phase().equals(phase)
                    && !e.command().startsWith("setup"));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fault", phase);
            row.put("sent", sent.size());
            row.put("acknowledged", sent.stream().filter(History.Entry::acknowledged).count());
            row.put("refused4xx", sent.stream().filter(e -> e.status() >= 400 && e.status() < 500).count());
            row.put("errorOrNoAnswer", sent.stream().filter(History.Entry::uncertain).count());
            row.put("lost", sent.stream().filter(effects::lost).count());
            row.put("doubled", sent.stream().filter(effects::doubled).count());
            row.putAll(faults.getOrDefault(phase, Map.of()));
            List<HostileMix.Sent> mixed = hostile.stream().filter(h -> h.phase().equals(phase)).toList();
            row.put("hostileSent", mixed.size());
            row.put("hostileRefused4xx", mixed.stream().filter(HostileMix.Sent::refused).count());
            row.put("hostileUnreachableWhileDown", mixed.stream().filter(h -> !h.refused()
                    && acceptableHostileAnswer(h)).count());
            rows.add(row);
            System.out.printf("%-18s %6d %6d %6d %6d %5d %7d %7s %9s %8d %8d%n", phase, sent.size(),
                    row.get("acknowledged"), row.get("refused4xx"), row.get("errorOrNoAnswer"), row.get("lost"),
                    row.get("doubled"), row.getOrDefault("backAfterSeconds", "-"),
                    row.getOrDefault("lagCaughtUpSecondsAfterBack", "-"), mixed.size(), row.get("hostileRefused4xx"));
        }
        return rows;
    }

    /**
     * A hostile request must be refused with a 4xx; while a part is down it may find no gateway (no answer) or no
     * service behind it (502, 503, 504). Never a 2xx, never another 5xx.
     */
    private static boolean acceptableHostileAnswer(HostileMix.Sent sent) {
        if (sent.refused()) {
            return true;
        }
        boolean aPartWasDown = !sent.down().isEmpty();
        return aPartWasDown && (sent.status() == -1 || sent.status() == 502 || sent.status() == 503
                || sent.status() == 504);
    }

    /** Every order's view against the order as a fresh fold of its events: the audit's state and the lines stored. */
    private List<String> viewsThatAreNotFolds(Effects effects) {
        List<String> wrong = new ArrayList<>();
        FloorClient auditor = demoClient("auditor");
        FloorClient manager = demoClient("manager");
        String now = Instant.now().toString();
        for (StoredEvent opened : effects.orders().stream().filter(e -> e.type().equals("OrderOpened")).toList()) {
            String order = opened.aggregateId();
            JsonNode view = manager.read("/api/v1/orders/" + order).body();
            JsonNode fold = auditor.read("/api/v1/audit/orders/" + order + "/state?at=" + now).body();
            Set<String> stored = new HashSet<>();
            effects.orders().stream().filter(e -> e.aggregateId().equals(order)).forEach(e -> {
                if (e.type().equals("OrderLineAdded")) {
                    stored.add(e.text("lineId"));
                } else if (e.type().equals("OrderLineRemoved")) {
                    stored.remove(e.text("lineId"));
                }
            });
            long version = effects.orders().stream().filter(e -> e.aggregateId().equals(order))
                    .mapToLong(StoredEvent::sequence).max().orElse(-1);
            Set<String> viewed = new HashSet<>();
            view.path("lines").forEach(line -> viewed.add(line.path("lineId").asText()));
            if (!essentials(view).equals(essentials(fold)) || !viewed.equals(stored)
                    || view.path("version").asLong() != version) {
                wrong.add(order + ": view " + essentials(view) + " version " + view.path("version") + ", fold "
                        + essentials(fold) + ", lines stored " + stored + ", last sequence " + version);
            }
        }
        return wrong;
    }

    private static Map<String, Object> essentials(JsonNode order) {
        Map<String, Object> essentials = new TreeMap<>();
        essentials.put("status", order.path("status").asText());
        essentials.put("subtotalCents", order.path("subtotalCents").asLong());
        essentials.put("billId", order.path("billId").asText());
        Map<String, String> lines = new TreeMap<>();
        order.path("lines").forEach(line -> lines.put(line.path("lineId").asText(), line.path("state").asText()
                + " x" + line.path("quantity").asInt() + " = " + line.path("totalCents").asLong()));
        essentials.put("lines", lines);
        return essentials;
    }

    /** Sales in the reports against the bills the billing store says were paid, with their tax and tips. */
    private Map<String, Object> salesAgainstBills(Effects effects, FloorClient manager) {
        Set<String> paid = effects.billing().stream().filter(e -> e.type().equals("BillPaid"))
                .map(StoredEvent::aggregateId).collect(Collectors.toSet());
        Map<String, JsonNode> amounts = new LinkedHashMap<>();
        effects.billing().stream().filter(e -> e.type().equals("BillIssued") && paid.contains(e.aggregateId()))
                .forEach(e -> amounts.put(e.aggregateId(), e.payload().path("amounts")));
        long tax = amounts.values().stream().mapToLong(a -> a.path("tax").asLong()).sum();
        long tips = effects.billing().stream().filter(e -> e.type().equals("PaymentRecorded")
                && paid.contains(e.aggregateId())).mapToLong(e -> e.payload().path("tip").asLong()).sum();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode totals = manager.read("/api/v1/reports/sales?from=" + today.minusDays(1) + "&to="
                + today.plusDays(1)).body().path("totals");
        Map<String, Object> sales = new LinkedHashMap<>();
        sales.put("billsPaid", paid.size());
        sales.put("reportedOrders", totals.path("orders").asLong());
        sales.put("taxCents", tax);
        sales.put("reportedTaxCents", totals.path("taxCents").asLong());
        sales.put("tipsCents", tips);
        sales.put("reportedTipsCents", totals.path("tipsCents").asLong());
        List<String> mismatches = new ArrayList<>();
        if (paid.size() != totals.path("orders").asLong()) {
            mismatches.add("orders");
        }
        if (tax != totals.path("taxCents").asLong()) {
            mismatches.add("tax");
        }
        if (tips != totals.path("tipsCents").asLong()) {
            mismatches.add("tips");
        }
        sales.put("mismatches", mismatches);
        return sales;
    }

    /** Events parked in every dead-letter queue of every service, by service and group. */
    private Map<String, Object> deadLetters() {
        Map<String, Object> parked = new TreeMap<>();
        SERVICE_PORTS.forEach((service, port) -> {
            JsonNode groups = actuator(port, "/actuator/deadletters");
            if (groups == null) {
                parked.put(service, "unreachable");
                return;
            }
            groups.properties().forEach(group -> parked.put(service + " " + group.getKey(),
                    group.getValue().path("events").asLong()));
        });
        return parked;
    }

    /** Waits until every processor of every service has handled everything (lag 0); null if it did not. */
    private Duration awaitCaughtUp(Duration patience) {
        return awaitCaughtUp(patience, 0);
    }

    /** Waits until every processor of every service has at most {@code behind} events still to handle. */
    private Duration awaitCaughtUp(Duration patience, long behind) {
        long started = System.nanoTime();
        Map<String, Long> lags = Map.of();
        while (System.nanoTime() - started < patience.toNanos()) {
            lags = lags();
            if (lags.values().stream().allMatch(lag -> lag >= 0 && lag <= behind)) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            DevstackInProcesses.sleep(Duration.ofMillis(250));
        }
        System.out.println("Processors still behind after " + patience.toSeconds() + " s: " + lags);
        return null;
    }

    /** Every processor's lag, by service and name; an unreachable service counts as behind. */
    private Map<String, Long> lags() {
        Map<String, Long> lags = new TreeMap<>();
        SERVICE_PORTS.forEach((service, port) -> {
            JsonNode processors = actuator(port, "/actuator/processors");
            if (processors == null) {
                lags.put(service, -1L);
                return;
            }
            processors.forEach(p -> lags.put(service + " " + p.path("name").asText(),
                    p.path("lag").isNumber() ? p.path("lag").asLong() : 0L));
        });
        return lags;
    }

    private JsonNode actuator(int usualPort, String path) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                                + devstack.port(usualPort) + path)).timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + admin.token()).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 401) {
                    admin.signIn();
                    continue;
                }
                return response.statusCode() == 200 ? FloorClient.JSON.readTree(response.body()) : null;
            } catch (Exception e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Events of the stores the hostile requests aim at that no client of the run can cause: the target orders, their
     * ticket and bill, the catalog's store and the users.
     */
    private Map<String, Long> untouched(HostileTargets targets) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("order " + targets.orderId(), count("order_db", "select count(*) from domain_event_entry"
                + " where aggregate_identifier = '" + targets.orderId() + "'"));
        counts.put("order " + targets.billedOrderId(), count("order_db", "select count(*) from domain_event_entry"
                + " where aggregate_identifier = '" + targets.billedOrderId() + "'"));
        counts.put("ticket " + targets.ticketId(), count("kitchen_db", "select count(*) from domain_event_entry"
                + " where aggregate_identifier = '" + targets.ticketId() + "'"));
        counts.put("bill " + targets.billId(), count("billing_db", "select count(*) from domain_event_entry"
                + " where aggregate_identifier = '" + targets.billId() + "'"));
        counts.put("catalog events", count("catalog_db", "select count(*) from domain_event_entry"));
        counts.put("users", count("auth_db", "select count(*) from users"));
        return counts;
    }

    /** Orders, lines and payments in the stores that no waiter of the run (nor the setting up) asked for. */
    private List<String> unexplainedEvents(Effects effects) {
        Set<String> asked = new HashSet<>();
        history.all().forEach(e -> asked.addAll(e.ids().values()));
        List<String> unexplained = new ArrayList<>();
        for (StoredEvent event : effects.orders()) {
            String id = switch (event.type()) {
                case "OrderOpened" -> event.aggregateId();
                case "OrderLineAdded" -> event.text("lineId");
                default -> null;
            };
            if (id != null && !asked.contains(id) && !setUp(event, effects)) {
                unexplained.add(event.type() + " " + id);
            }
        }
        effects.billing().stream().filter(e -> e.type().equals("PaymentRecorded"))
                .filter(e -> !asked.contains(e.text("paymentId")))
                .forEach(e -> unexplained.add("PaymentRecorded " + e.text("paymentId")));
        return unexplained;
    }

    /** The two orders the hostile targets were set up with, before the run. */
    private static boolean setUp(StoredEvent event, Effects effects) {
        String order = event.type().equals("OrderOpened") ? event.aggregateId() : event.text("orderId");
        return effects.orders().stream().filter(e -> e.type().equals("OrderOpened") && e.aggregateId().equals(order))
                .anyMatch(e -> Set.of(DEMO.table(6).id().toString(), DEMO.table(7).id().toString())
                        .contains(e.text("tableId")));
    }

    private long count(String database, String sql) {
        try (var connection = java.sql.DriverManager.getConnection(devstack.jdbcUrl(database), "postgres",
                "postgres"); var rows = connection.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Effects effects() {
        return new Effects(EventStores.read(devstack.jdbcUrl("order_db")),
                EventStores.read(devstack.jdbcUrl("kitchen_db")), EventStores.read(devstack.jdbcUrl("billing_db")));
    }

    private DinnerService.Menu menu(FloorClient manager) {
        List<JsonNode> starters = new ArrayList<>();
        List<JsonNode> mains = new ArrayList<>();
        List<JsonNode> drinks = new ArrayList<>();
        for (JsonNode category : accepted(manager.read("/api/v1/menu")).body().path("categories")) {
            for (JsonNode item : category.path("items")) {
                if (!item.path("available").asBoolean(true)) {
                    continue;
                }
                switch (category.path("name").asText()) {
                    case "Starters" -> starters.add(item);
                    case "Mains" -> mains.add(item);
                    case "Drinks" -> drinks.add(item);
                    default -> { }
                }
            }
        }
        assertThat(List.of(starters, mains, drinks)).as("the menu's starters, mains and drinks")
                .noneMatch(Collection::isEmpty);
        return new DinnerService.Menu(starters, mains, drinks);
    }

    private HostileTargets.Staff staffTokens() {
        return new HostileTargets.Staff(demoClient("admin").token(), demoClient("waiter").token(),
                demoClient("manager").token(), demoClient("cook").token(), demoClient("auditor").token());
    }

    private FloorClient demoClient(String username) {
        DemoData.User user = DEMO.users().stream().filter(u -> u.username().equals(username)).findFirst()
                .orElseThrow();
        FloorClient client = new FloorClient(username, devstack.gateway(), username, user.password(), history);
        assertThat(client.signIn()).as("%s signs in", username).isTrue();
        return client;
    }

    private FloorClient staff(String username, String role) {
        accepted(admin.command("setup: register", Map.of(), "POST", "/api/v1/auth/register", Map.of(
                "username", username, "password", STAFF_PASSWORD, "fullName", username, "role", role)));
        return new FloorClient(username, devstack.gateway(), username, STAFF_PASSWORD, history);
    }

    private static FloorClient.Answer accepted(FloorClient.Answer answer) {
        assertThat(answer.status()).as("%s", answer.body()).isBetween(200, 299);
        return answer;
    }

    private static String describe(History.Entry e) {
        return e.client() + " " + e.command() + " " + e.ids() + " (" + e.phase() + ") answered "
                + (e.status() < 0 ? e.exception() : e.status());
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }

    private void write(Map<String, Object> report, History history) throws Exception {
        Path folder = Path.of("target/faults");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("faults-under-load.json"), FloorClient.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(report));
        Files.writeString(folder.resolve("history.json"), FloorClient.JSON.writeValueAsString(history.all()));
        System.out.println("Report: " + folder.toAbsolutePath().resolve("faults-under-load.json")
                + ", history: " + folder.toAbsolutePath().resolve("history.json"));
    }
}
