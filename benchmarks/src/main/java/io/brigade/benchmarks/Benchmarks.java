package io.brigade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs every benchmark a few times on this machine and reports medians; the order service beside a plain-Axon baseline
 * measured in the same run. {@code mvn -Pbench -pl benchmarks -am verify -DskipTests}
 */
public final class Benchmarks {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int COMMANDS = Integer.getInteger("bench.commands", 5000);
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 4);
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.latencySamples", 500);
    private static final int SCREENS = Integer.getInteger("bench.screens", 200);
    private static final int FAN_OUT_SENDS = Integer.getInteger("bench.fanOutSends", 10);
    private static final int GATEWAY_SAMPLES = Integer.getInteger("bench.gatewaySamples", 2000);

    private Benchmarks() {
    }

    /** {@code -Dbench.only=orders,kitchen} runs only those; all of them by default. */
    private static boolean selected(String name) {
        String only = System.getProperty("bench.only", "");
        return only.isBlank() || List.of(only.split(",")).contains(name);
    }

    /** Exits when done, or on failure with its stack trace: the embedded broker's threads would keep Maven waiting. */
    public static void main(String[] args) {
        try {
            run();
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run() throws Exception {
        StringBuilder report = new StringBuilder("# Brigade benchmarks\n\n");
        if (selected("orders")) {
            orders(report);
        }
        if (selected("billing")) {
            billing(report);
        }
        if (selected("kitchen")) {
            kitchen(report);
        }
        if (selected("live")) {
            live(report);
        }
        if (selected("gateway")) {
            gateway(report);
        }
        if (selected("push")) {
            PushLatencyBenchmark.appendTo(report);
        }
        if (selected("replay")) {
            replay(report);
        }
        if (selected("audit")) {
            audit(report);
        }
        if (selected("growth")) {
            growth(report);
        }
        if (selected("long-orders")) {
            longOrders(report);
        }
        System.out.println(report);
        Path out = Path.of(System.getProperty("bench.report", "target/benchmark-results.md"));
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            System.err.println("Could not write " + out + ": " + e);
        }
    }

    /** AddOrderLine on one order growing line by line, with the order kept in memory and loaded from its events. */
    private static void longOrders(StringBuilder report) {
        try (LongOrderBenchmark benchmark = new LongOrderBenchmark()) {
            int groups = LongOrderBenchmark.LINES / LongOrderBenchmark.GROUP;
            List<List<Double>> kept = new ArrayList<>();
            List<List<Double>> loaded = new ArrayList<>();
            List<List<Double>> ratios = new ArrayList<>();
            for (int group = 0; group < groups; group++) {
                kept.add(new ArrayList<>());
                loaded.add(new ArrayList<>());
                ratios.add(new ArrayList<>());
            }
            for (int round = 1; round <= WARMUP_ROUNDS + RUNS; round++) {
                LongOrderBenchmark.Growth growth = benchmark.grow();
                boolean measured = round > WARMUP_ROUNDS;
                StringBuilder line = new StringBuilder(measured ? "run " + (round - WARMUP_ROUNDS)
                        : "warm-up round " + round).append(", AddOrderLine median kept / loaded:");
                for (int group = 0; group < groups; group++) {
                    double keptMedian = Stats.percentile(growth.kept().get(group), 50);
                    double loadedMedian = Stats.percentile(growth.loaded().get(group), 50);
                    line.append(String.format(" %.2f / %.2f ms;", keptMedian, loadedMedian));
                    if (measured) {
                        kept.get(group).add(keptMedian);
                        loaded.get(group).add(loadedMedian);
                        ratios.get(group).add(keptMedian / loadedMedian);
                    }
                }
                System.out.println(line);
            }
            report.append(String.format("""
                    ## Long orders (one order grown to %d lines, a line at a time; median of %d runs after %d warm-up orders)
                    Brigade's order service keeps an order in memory between commands and checks it against the event store's
                    last sequence number before use. Line by line, the same order's AddOrderLine is timed with the kept order
                    and with the kept one dropped first, so that the order is loaded from its events, as every command did
                    before orders were kept. Each run's median per group of lines; the ratio is kept over loaded, lower is faster.

                    | lines already on the order | kept in memory | loaded from its events | ratio (kept / loaded) |
                    |---|---|---|---|
                    """, LongOrderBenchmark.LINES, RUNS, WARMUP_ROUNDS));
            for (int group = 0; group < groups; group++) {
                report.append(String.format("| %d-%d | %.2f ms | %.2f ms | %.2f |%n",
                        group * LongOrderBenchmark.GROUP, (group + 1) * LongOrderBenchmark.GROUP - 1,
                        Stats.median(kept.get(group)), Stats.median(loaded.get(group)),
                        Stats.median(ratios.get(group))));
            }
            report.append('\n');
        }
    }

    /**
     * Order commands per second on 1 and 8 threads and command to Kafka record latency, of Brigade's order service and
     * of a plain-Axon service doing the same work, measured in turns in the same run; each Brigade figure is divided
     * by the baseline's of the same round. An 8-thread round of each after the measured ones is profiled.
     */
    private static void orders(StringBuilder report) throws Exception {
        try (OrderServiceBenchmark baseline = OrderServiceBenchmark.baseline();
             OrderServiceBenchmark brigade = OrderServiceBenchmark.brigade()) {
            Map<String, List<Double>> figures = new LinkedHashMap<>();
            String[] profiles = new String[2];
            // the JIT keeps compiling the command path for the first rounds (seen: 1 thread 318, 492, 711 cmd/s,
            // then about 890 from the fifth round on), so the measured runs come after rounds that are not counted
            for (int round = 1; round <= WARMUP_ROUNDS + RUNS; round++) {
                boolean measured = round > WARMUP_ROUNDS;
                // who goes first alternates, so neither always runs on a warmer or a fuller database
                List<OrderServiceBenchmark> turns = round % 2 == 1 ? List.of(baseline, brigade)
                        : List.of(brigade, baseline);
                for (OrderServiceBenchmark service : turns) {
                    String who = service == brigade ? "Brigade" : "baseline";
                    double oneThread = service.openOrdersPerSecond(COMMANDS, 1);
                    double eightThreads = service.openOrdersPerSecond(COMMANDS, 8);
                    double[] latency = service.commandToKafkaMillis(LATENCY_SAMPLES);
                    System.out.printf("%s %d, %s: %.0f cmd/s (1 thread), %.0f cmd/s (8 threads), command -> Kafka "
                                    + "median %.1f ms, p99 %.1f ms%n", measured ? "run" : "warm-up round",
                            measured ? round - WARMUP_ROUNDS : round, who, oneThread, eightThreads,
                            Stats.percentile(latency, 50), Stats.percentile(latency, 99));
                    if (measured) {
                        figures.computeIfAbsent(who + " one", k -> new ArrayList<>()).add(oneThread);
                        figures.computeIfAbsent(who + " eight", k -> new ArrayList<>()).add(eightThreads);
                        figures.computeIfAbsent(who + " p50", k -> new ArrayList<>())
                                .add(Stats.percentile(latency, 50));
                        figures.computeIfAbsent(who + " p99", k -> new ArrayList<>())
                                .add(Stats.percentile(latency, 99));
                    }
                }
            }
            // JFR slows the round it records (the baseline once fell from about 2,000 to 621 commands/s in it), so
            // the profiles come from a round of their own after the measured ones
            for (OrderServiceBenchmark service : List.of(baseline, brigade)) {
                var profiled = CommandProfile.of(OrderServiceBenchmark.COMMAND_THREADS, 15,
                        () -> service.openOrdersPerSecond(COMMANDS, 8));
                profiles[service == brigade ? 0 : 1] = profiled.profile();
                System.out.printf("profile of %s, 8 threads (%.0f cmd/s while recorded):%n%s%n",
                        service == brigade ? "Brigade" : "baseline", profiled.result(), profiled.profile());
            }
            report.append(String.format("""
                            ## Order service beside a plain-Axon baseline (same run; median of %d runs after %d warm-up rounds, %d commands a run, %d latency samples)
                            The baseline is plain Axon on the same embedded PostgreSQL (its own database, the same JPA event store schema) and
                            the same Kafka (the same publisher settings, its own 12-partition topic), opening a tab with the same rules (table
                            exists, table free) and one projection in the command's transaction; none of Brigade's hash chain, caller
                            metadata, tracing, monitors or audit. The baseline stores events with Axon's own mapping, asking the sequence for
                            each event's global index before inserting it; Brigade's insert takes the index from the column's default (one round
                            trip fewer an event). The two take turns in every round, and each ratio is Brigade's figure over
                            the baseline's of the same round (median of the rounds); for latency, lower is better and a ratio above 1 is slower.

                            | measure | Brigade | plain-Axon baseline | ratio (Brigade / baseline) |
                            |---|---|---|---|
                            | open-order commands/s, 1 thread | %.0f | %.0f | %.2f |
                            | open-order commands/s, 8 threads | %.0f | %.0f | %.2f |
                            | command -> Kafka record, median | %.1f ms | %.1f ms | %.2f |
                            | command -> Kafka record, p99 | %.1f ms | %.1f ms | %.2f |

                            Ratios run by run: 1 thread %s; 8 threads %s.

                            Profile of an 8-thread round after the measured ones (not counted), Brigade (JFR samples of the threads sending commands):

                            %s
                            Profile of the same round, baseline:

                            %s
                            """, RUNS, WARMUP_ROUNDS, COMMANDS, LATENCY_SAMPLES,
                    median(figures, "Brigade one"), median(figures, "baseline one"), ratio(figures, "one"),
                    median(figures, "Brigade eight"), median(figures, "baseline eight"), ratio(figures, "eight"),
                    median(figures, "Brigade p50"), median(figures, "baseline p50"), ratio(figures, "p50"),
                    median(figures, "Brigade p99"), median(figures, "baseline p99"), ratio(figures, "p99"),
                    eachRound(figures, "one"), eachRound(figures, "eight"), profiles[0], profiles[1]));
        }
    }

    private static double median(Map<String, List<Double>> figures, String key) {
        return Stats.median(figures.get(key));
    }

    /** The median over the rounds of Brigade's figure divided by the baseline's of the same round. */
    private static double ratio(Map<String, List<Double>> figures, String measure) {
        return Stats.median(ratios(figures, measure));
    }

    /** Brigade's figure divided by the baseline's, round by round. */
    private static List<Double> ratios(Map<String, List<Double>> figures, String measure) {
        List<Double> brigade = figures.get("Brigade " + measure);
        List<Double> baseline = figures.get("baseline " + measure);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < brigade.size(); i++) {
            ratios.add(brigade.get(i) / baseline.get(i));
        }
        return ratios;
    }

    private static String eachRound(Map<String, List<Double>> figures, String measure) {
        return ratios(figures, measure).stream().map(r -> String.format("%.2f", r))
                .collect(Collectors.joining(", "));
    }

    /** Appends and command latency with 0 and millions of events already in the order store; start and claims. */
    private static void growth(StringBuilder report) throws Exception {
        List<GrowthBenchmark.Level> levels = new ArrayList<>();
        // an empty store measured once and not reported, so that the first level reported does not pay for the JIT
        GrowthBenchmark.measure(0, 1, COMMANDS, LATENCY_SAMPLES);
        for (String size : ("0," + System.getProperty("bench.growthEvents", "1000000,5000000")).split(",")) {
            levels.add(GrowthBenchmark.measure(Long.parseLong(size.trim()), RUNS, COMMANDS, LATENCY_SAMPLES));
        }
        GrowthBenchmark.Level empty = levels.get(0);
        StringBuilder rows = new StringBuilder();
        for (GrowthBenchmark.Level level : levels) {
            double appends = Stats.median(level.appends());
            double median = Stats.median(level.medians());
            double p99 = Stats.median(level.p99s());
            rows.append(String.format("| %,d | %.0f (%.2f) | %.1f ms (%.2f) | %.1f ms (%.2f) | %.1f s | %.2f s | "
                            + "%.1f s | %.0f ms | %.0f ms | %.0f ms / %.0f ms | %.0f ms |%n", level.events(), appends,
                    appends / Stats.median(empty.appends()), median, median / Stats.median(empty.medians()), p99,
                    p99 / Stats.median(empty.p99s()), level.startSeconds(), level.firstCheckpointSeconds(),
                    level.foldSeconds(),
                    level.tailClaimMillis(), level.headClaimMillis(), level.timeClaimMillis(),
                    level.timeCaughtUpMillis(), level.timeClaimWithoutIndexMillis()));
        }
        report.append(String.format("""

                        ## Order store growth (median of %d runs a level after 1 warm-up run, the JVM warmed by an empty store first; %d commands a run on 8 threads, %d one at a time)
                        Each level is a new database: the service starts once (schema, publisher token), stops, gets the history written
                        by COPY (whole closed orders of 11 to 14 events, hash-chained as the store chains them, over the past year, counted
                        as published), starts again and takes an audit checkpoint (the whole store folded: the history has no stored Merkle
                        frontier), stops, and starts once more: every figure but the fold is of that restart. In brackets: the figure over the
                        empty store's.

                        | events in the store | open-order appends/s, 8 threads | command latency, median | command latency, p99 | start | first audit checkpoint (resumed from the stored frontier) | whole store folded (no frontier) | new processor's claim at the tail | at the head | 10 minutes back: claim / caught up | 10 minutes back without the time index: claim |
                        |---|---|---|---|---|---|---|---|---|---|---|
                        %s""", RUNS, COMMANDS, LATENCY_SAMPLES, rows));
    }

    /** BillRequested to BillIssued, both on Kafka. */
    private static void billing(StringBuilder report) throws Exception {
        try (BillingBenchmark billing = new BillingBenchmark()) {
            billing.billRequestedToBillIssuedMillis(50);
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double[] latency = billing.billRequestedToBillIssuedMillis(LATENCY_SAMPLES);
                medians.add(Stats.percentile(latency, 50));
                p99s.add(Stats.percentile(latency, 99));
                System.out.printf("run %d: BillRequested -> BillIssued median %.1f ms, p99 %.1f ms%n", run,
                        medians.get(run - 1), p99s.get(run - 1));
            }
            report.append(String.format("""

                            ## Billing service (median of %d runs, %d bill requests a run, one after another)
                            | measure | Brigade |
                            |---|---|
                            | BillRequested on Kafka -> BillIssued on Kafka, median | %.1f ms |
                            | BillRequested on Kafka -> BillIssued on Kafka, p99 | %.1f ms |
                            """, RUNS, LATENCY_SAMPLES, Stats.median(medians), Stats.median(p99s)));
        }
    }

    /** A waiter's send to the kitchen's TicketCreated on Kafka. */
    private static void kitchen(StringBuilder report) throws Exception {
        try (SendToTicketBenchmark kitchen = new SendToTicketBenchmark()) {
            kitchen.sendToTicketCreatedMillis(50);
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double[] latency = kitchen.sendToTicketCreatedMillis(LATENCY_SAMPLES);
                medians.add(Stats.percentile(latency, 50));
                p99s.add(Stats.percentile(latency, 99));
                System.out.printf("run %d: POST send -> TicketCreated median %.1f ms, p99 %.1f ms%n", run,
                        medians.get(run - 1), p99s.get(run - 1));
            }
            report.append(String.format("""

                            ## Order to kitchen (median of %d runs, %d sends a run, one after another)
                            | measure | Brigade |
                            |---|---|
                            | POST /orders/{id}/send -> TicketCreated on Kafka, median | %.1f ms |
                            | POST /orders/{id}/send -> TicketCreated on Kafka, p99 | %.1f ms |
                            """, RUNS, LATENCY_SAMPLES, Stats.median(medians), Stats.median(p99s)));
        }
    }

    /** Rebuilding every report from offset zero of a year of history, while a manager reads the sales. */
    private static void replay(StringBuilder report) throws Exception {
        long events = Long.getLong("bench.replayEvents", 1_000_000);
        try (ReplayBenchmark replay = new ReplayBenchmark(events)) {
            java.nio.file.Path profile = java.nio.file.Files.createTempFile("replay", ".jfr");
            List<Double> rates = new ArrayList<>();
            List<ReplayBenchmark.Run> runs = new ArrayList<>();
            // the first replay runs while the JIT is still compiling the replay's code (seen: 13,000 events/s, then
            // 50,000 to 90,000), so one replay comes first and is not counted
            ReplayBenchmark.Run warmUp = replay.replay(null);
            System.out.printf("warm-up replay: %,.0f events/s (not counted)%n", warmUp.eventsPerSecond());
            for (int run = 1; run <= RUNS; run++) {
                ReplayBenchmark.Run result = replay.replay(run == 1 ? profile : null);
                runs.add(result);
                rates.add(result.eventsPerSecond());
                System.out.printf("run %d: replayed %,d events in %.1f s: %,.0f events/s; sales read during it: %d "
                                + "complete, %d errors, %d empty, %d partial%n", run, result.processed(),
                        result.took().toMillis() / 1000.0, result.eventsPerSecond(), result.complete(),
                        result.errors(), result.empty(), result.partial());
            }
            String hottest = ReplayBenchmark.hottest(profile, 12);
            System.out.println(hottest);
            report.append(String.format("""

                            ## Reports replay (median of %d runs after 1 warm-up replay, %,d events of a year's history, 12 partitions a topic)
                            | measure | Brigade | goal |
                            |---|---|---|
                            | replay from offset zero, events/s | %,.0f | 100,000 (at least 50,000) |
                            | live feed reading the same history, events/s | %,.0f | |
                            | sales reports read every 100 ms during the replays: complete / error / empty / partial | %d / %d / %d / %d | all complete |

                            Profile of the first measured replay (JFR execution samples of the replay thread):

                            %s
                            """, RUNS, replay.written, Stats.median(rates), replay.liveEventsPerSecond,
                    runs.stream().mapToLong(ReplayBenchmark.Run::complete).sum(),
                    runs.stream().mapToLong(ReplayBenchmark.Run::errors).sum(),
                    runs.stream().mapToLong(ReplayBenchmark.Run::empty).sum(),
                    runs.stream().mapToLong(ReplayBenchmark.Run::partial).sum(), hottest));
        }
    }

    /** Each filter of the audit trail's feed over a million events, through HTTP. */
    private static void audit(StringBuilder report) throws Exception {
        long events = Long.getLong("bench.auditEvents", 1_000_000);
        int runs = Integer.getInteger("bench.auditRuns", 9);
        try (AuditFeedBenchmark audit = new AuditFeedBenchmark(events)) {
            StringBuilder rows = new StringBuilder();
            for (AuditFeedBenchmark.Query query : audit.queries()) {
                double[] millis = audit.time(query, 3, runs);
                double[] inService = audit.timeInService(query, 3, runs);
                System.out.printf("%s: median %.1f ms, slowest %.1f ms; in the service %.1f ms%n", query.name(),
                        Stats.percentile(millis, 50), Stats.percentile(millis, 100), Stats.percentile(inService, 50));
                rows.append(String.format("| %s | %d | %.1f ms | %.1f ms | %.1f ms |%n", query.name(),
                        audit.items(query), Stats.percentile(millis, 50), Stats.percentile(millis, 100),
                        Stats.percentile(inService, 50)));
            }
            // the machine's other work shows in every HTTP figure; the load says how much there was
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            report.append(String.format("""

                            ## Audit trail feed (%,d events in the trail; each filter %d times after 3 not counted, through HTTP; goal under 200 ms)
                            | filter | events on the page | median | slowest | page and count in the service, median |
                            |---|---|---|---|---|
                            %s
                            Load average at the end: %.1f on %d processors.
                            """, audit.written, runs, rows, load, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** The latency the gateway adds to a request. */
    private static void gateway(StringBuilder report) throws Exception {
        try (GatewayOverheadBenchmark gateway = new GatewayOverheadBenchmark()) {
            gateway.measure(GATEWAY_SAMPLES);
            List<Double> added50 = new ArrayList<>();
            List<Double> added99 = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                GatewayOverheadBenchmark.Latencies l = gateway.measure(GATEWAY_SAMPLES);
                added50.add(Stats.percentile(l.gatewayMillis(), 50) - Stats.percentile(l.directMillis(), 50));
                added99.add(Stats.percentile(l.gatewayMillis(), 99) - Stats.percentile(l.directMillis(), 99));
                System.out.printf("run %d: the gateway adds p50 %.2f ms, p99 %.2f ms%n", run, added50.get(run - 1),
                        added99.get(run - 1));
            }
            report.append(String.format("""

                            ## Gateway (median of %d runs, %d requests each way a run, alternating)
                            | measure | Brigade |
                            |---|---|
                            | latency the gateway adds, p50 | %.2f ms |
                            | latency the gateway adds, p99 | %.2f ms |
                            """, RUNS, GATEWAY_SAMPLES, Stats.median(added50), Stats.median(added99)));
        }
    }

    /** A waiter's send to its kitchen-screen push, for one screen and for many at once. */
    private static void live(StringBuilder report) throws Exception {
        try (LivePushBenchmark live = new LivePushBenchmark()) {
            live.sendToPushMillis(50);
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            List<Double> fanOutMedians = new ArrayList<>();
            List<Double> fanOutP99s = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double[] one = live.sendToPushMillis(LATENCY_SAMPLES);
                medians.add(Stats.percentile(one, 50));
                p99s.add(Stats.percentile(one, 99));
                double[] many = live.fanOutMillis(SCREENS, FAN_OUT_SENDS);
                fanOutMedians.add(Stats.percentile(many, 50));
                fanOutP99s.add(Stats.percentile(many, 99));
                System.out.printf("run %d: send -> kitchen push median %.1f ms, p99 %.1f ms; %d screens: %d pushes, "
                                + "median %.1f ms, p99 %.1f ms%n", run, medians.get(run - 1), p99s.get(run - 1),
                        SCREENS, many.length, fanOutMedians.get(run - 1), fanOutP99s.get(run - 1));
            }
            report.append(String.format("""

                            ## Live kitchen screen (median of %d runs; the send and the screens' STOMP connections go through the gateway)
                            | measure | Brigade |
                            |---|---|
                            | POST send -> order:new on /topic/kitchen.grill, median (%d sends a run) | %.1f ms |
                            | POST send -> order:new on /topic/kitchen.grill, p99 | %.1f ms |
                            | %d screens subscribed, every screen got every push (%d sends a run), median | %.1f ms |
                            | %d screens subscribed, p99 | %.1f ms |
                            """, RUNS, LATENCY_SAMPLES, Stats.median(medians), Stats.median(p99s), SCREENS,
                    FAN_OUT_SENDS, Stats.median(fanOutMedians), SCREENS, Stats.median(fanOutP99s)));
        }
    }
}
