package io.brigade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.billing.BillingServiceApplication;
import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.contracts.Topics;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.OrderId;
import io.brigade.gateway.GatewayApplication;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.BrigadeTestInitializer;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.converter.ByteArrayMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Send to kitchen-screen push through the gateway while a dinner service runs in the background, hop by hop. Every
 * measured send carries a trace of its own ({@code traceparent} from the client), so the spans the services end for
 * it give when each hop began: the order service's request, the publishing processor's pick-up, the kitchen's
 * handling, the kitchen's publisher, catalog-query's board projection. A plain Kafka consumer on both topics gives
 * when each event was readable on Kafka, and two kitchen screens, one through the gateway and one on catalog-query's
 * own {@code /ws}, give the push with and without the gateway's relay. All times are on one clock (OpenTelemetry's,
 * which the spans use): every service runs in this process.
 */
final class PushLatencyBenchmark implements AutoCloseable {

    private static final DemoData DEMO = DemoData.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.getDefault();
    private static final String GRILL_ITEM = "Brigade burger";
    private static final String PUBLISHER = KafkaEventPublisher.DEFAULT_PROCESSING_GROUP;
    private static final int SENDS_PER_ORDER = 10;
    private static final Duration PUSH_PATIENCE = Duration.ofSeconds(10);
    private static final int MEASURED_TABLES = 8;
    private static final int LOAD_TABLES = 40;
    private static final Duration AT_REST = Duration.ofSeconds(20);
    private static final int POSTGRES_STATEMENTS_SHOWN = 25;
    private static final int WARM_UP_SENDS = 50;
    /** Commands the measured sends made (lines, sends, bumps, openings, cancellations), for the CPU per command. */
    private static final AtomicLong measuredCommands = new AtomicLong();

    /** The hops of one send, in the order the send passes them; each is the time since the previous point. */
    static final List<String> HOPS = List.of(
            "client -> order-command request starts (HTTP, gateway)",
            "command handled, events appended, committed, answered",
            "order publisher picks OrderLinesSent up",
            "published: on Kafka for a plain consumer (produce, ack, fetch)",
            "kitchen's consumer hands it to kitchen-orders (fetch, buffer, processor)",
            "kitchen-orders: CreateTicket handled and committed",
            "kitchen publisher picks TicketCreated up",
            "published: on Kafka for a plain consumer",
            "catalog's consumer hands it to kitchen-board",
            "kitchen-board projection",
            "commit, query update emitter, STOMP send to a screen on catalog-query",
            "gateway's websocket relay");

    private final String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6) + ".";
    private final HopSpans spans = new HopSpans();
    private final ThreadCpu threadCpu = new ThreadCpu();
    private final PostgresWork postgresWork;
    private final KeySetServer keys;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private final Staff staff;
    private final String gatewayUrl;
    private final String catalogUrl;
    private final List<UUID> measuredTables = new ArrayList<>();
    private final List<UUID> loadTables = new ArrayList<>();
    private final Map<UUID, String> openOrders = new LinkedHashMap<>();
    private final Map<String, Integer> sendsOf = new ConcurrentHashMap<>();
    private final KafkaArrivals arrivals;

    record Sample(double[] hopMillis, double totalMillis, double directMillis) {
    }

    record Run(List<Sample> samples, int incomplete, double loadCommandsPerSecond, long loadFailures,
               double[] tableFreeMillis, List<double[]> freeingHops, ThreadCpu.Use cpuByPart, long commands,
               PostgresWork.Use postgres) {

        /** This process's CPU and PostgreSQL's, over the commands answered during the run. */
        double cpuMillisPerCommand() {
            return cpuByPart.total() / 1e6 / commands;
        }

        /** A run's CPU, told to parts or services, and the commands answered meanwhile. */
        record Cpu(ThreadCpu.Use use, long commands) {

            double millisPerCommand(String part) {
                return use.byPart().getOrDefault(part, 0L) / 1e6 / commands;
            }

            double share(String part) {
                return (double) use.byPart().getOrDefault(part, 0L) / Math.max(1, use.total());
            }
        }

        double[] totals() {
            return samples.stream().mapToDouble(Sample::totalMillis).toArray();
        }

        double[] directs() {
            return samples.stream().mapToDouble(Sample::directMillis).toArray();
        }

        double[] hop(int index) {
            return samples.stream().mapToDouble(s -> s.hopMillis()[index]).toArray();
        }

        /** Payment answered -> the order closed and its table free, from each traced payment's spans. */
        double[] tableFreedMillis() {
            return freeingHops.stream().mapToDouble(h -> h[0] + h[1] + h[2]).toArray();
        }
    }

    /**
     * Idle sends, then {@code bench.runs} runs of {@code bench.push-sends} sends under the dinner load, each after
     * uncounted warm-up sends; medians of the runs, with the hop table and how long a paid table stayed occupied.
     */
    static void appendTo(StringBuilder report) throws Exception {
        int runs = Integer.getInteger("bench.runs", 3);
        int sends = Integer.getInteger("bench.push-sends", 1000);
        int idleSends = Integer.getInteger("bench.push-idle-sends", 300);
        int warmUp = Integer.getInteger("bench.push-warmup", 200);
        double loadPerSecond = Double.parseDouble(System.getProperty("bench.push-load", "100"));
        double settledJit = Double.parseDouble(System.getProperty("bench.push-jit-settled", "0.1"));
        Duration longestWarmUp = Duration.parse(System.getProperty("bench.push-warmup-limit", "PT10M"));
        try (PushLatencyBenchmark push = new PushLatencyBenchmark()) {
            push.measure(0, warmUp, 0);
            WarmUp warm = push.warmUntilCompiled(loadPerSecond, settledJit, longestWarmUp);
            System.out.printf("warmed up under load in %d s, the JIT compiler at %.2f cores in its last %d sends%n",
                    warm.took().toSeconds(), warm.jitCores(), WARM_UP_SENDS);
            ThreadCpu.Use atRest = push.atRest(AT_REST);
            System.out.printf("at rest: %.2f cores%n", atRest.total() / (double) AT_REST.toNanos());
            Run idle = push.measure(idleSends, 0, 0);
            System.out.printf("idle: send -> push median %.1f ms, p99 %.1f ms%n",
                    percentile(idle.totals(), 50), percentile(idle.totals(), 99));
            for (int hop = 0; hop < HOPS.size(); hop++) {
                System.out.printf("  %-75s median %7.2f ms, p99 %7.2f ms%n", HOPS.get(hop),
                        percentile(idle.hop(hop), 50), percentile(idle.hop(hop), 99));
            }
            List<Run> loaded = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Run result = push.measure(sends, warmUp, loadPerSecond);
                loaded.add(result);
                System.out.printf("run %d: send -> push median %.1f ms, p99 %.1f ms (%d incomplete); load %.0f "
                                + "cmd/s, %d failures, %.1f ms CPU a command; paid table freed after median %.0f ms, max "
                                + "%.0f ms (%d traced), opened again after median %.0f ms, max %.0f ms (%d tables)%n",
                        run, percentile(result.totals(), 50), percentile(result.totals(), 99),
                        result.incomplete(), result.loadCommandsPerSecond(), result.loadFailures(),
                        result.cpuMillisPerCommand(),
                        percentile(result.tableFreedMillis(), 50), percentile(result.tableFreedMillis(), 100),
                        result.tableFreedMillis().length,
                        percentile(result.tableFreeMillis(), 50), percentile(result.tableFreeMillis(), 100),
                        result.tableFreeMillis().length);
                for (int hop = 0; hop < HOPS.size(); hop++) {
                    System.out.printf("  %-75s median %7.2f ms, p99 %7.2f ms%n", HOPS.get(hop),
                            percentile(result.hop(hop), 50), percentile(result.hop(hop), 99));
                }
                for (int hop = 0; hop < DinnerLoad.FREEING_HOPS.size(); hop++) {
                    int index = hop;
                    double[] values = result.freeingHops().stream().mapToDouble(h -> h[index]).toArray();
                    System.out.printf("  %-75s median %7.1f ms, p99 %7.1f ms%n", DinnerLoad.FREEING_HOPS.get(hop),
                            percentile(values, 50), percentile(values, 99));
                }
                System.out.println("  CPU a command, by part of the system:");
                Run.Cpu cpu = new Run.Cpu(result.cpuByPart(), result.commands());
                ThreadCpu.parts(List.of(cpu.use())).forEach(part -> System.out.printf("    %-90s %6.2f ms%n",
                        part, cpu.millisPerCommand(part)));
                System.out.println("  PostgreSQL a command, by database: backends' CPU, transactions, statements:");
                result.postgres().databases().forEach(d -> System.out.printf("    %-20s %6.2f ms %6.2f %6.2f%n",
                        d.name(), d.backendCpuNanos() / 1e6 / result.commands(),
                        (double) d.commits() / result.commands(), (double) d.statements() / result.commands()));
                System.out.println("  PostgreSQL statements a command (calls, time inside the server):");
                result.postgres().statements().forEach(s -> System.out.printf("    %6.2f %7.3f ms %-15s %s%n",
                        (double) s.getValue().calls() / result.commands(),
                        s.getValue().execMillis() / result.commands(), s.getKey().database(), s.getKey().text()));
            }
            report.append(String.format("""

                            ## Push latency under load (send -> kitchen-screen push through the gateway; median of %d runs of %,d sends after %d warm-up sends, one after another, while a dinner service runs at %.0f commands/s through the gateway)

                            Before the runs the system was warmed up under that load for %d s, %s.

                            | measure | idle (%d sends) | under load | goal |
                            |---|---|---|---|
                            | POST send -> order:new on /topic/kitchen.grill via the gateway, median | %.1f ms | %.1f ms | <= 20 ms |
                            | POST send -> order:new via the gateway, p99 | %.1f ms | %.1f ms | <= 50 ms |
                            | POST send -> order:new on catalog-query's own /ws, median | %.1f ms | %.1f ms | |
                            | POST send -> order:new on catalog-query's own /ws, p99 | %.1f ms | %.1f ms | |
                            | background commands answered per second | | %.0f | %.0f |
                            | background commands that failed (all runs) | | %d | 0 |
                            | CPU used per command (this process: every service, the broker and the clients; and PostgreSQL) | | %.1f ms | |
                            | paid table freed (payment answered -> order closed and table free, from the spans), median | | %.0f ms | |
                            | paid table freed, p99 | | %.0f ms | |
                            | paid table freed, max (%d traced payments in all runs) | | %.0f ms | <= 1,000 ms |
                            | paid table free for the next guests (payment answered -> next opening accepted, at the load's next turn for that table), median | | %.0f ms | |
                            | paid table free for the next guests, p99 | | %.0f ms | |
                            | paid table free for the next guests, max (%d tables paid in all runs) | | %.0f ms | |

                            Where the time goes, idle and under load, hop by hop (each row: from the point before to this one; spans the services end for each send's own trace, a plain consumer's arrival for "on Kafka", the screens' arrival for the pushes; median over the runs of each run's median and p99):

                            | hop | idle median | idle p99 | under load, median | under load, p99 |
                            |---|---|---|---|---|
                            """, runs, sends, warmUp, loadPerSecond, warm.took().toSeconds(),
                    warm.settled() ? String.format("until the JIT compiler used under %.2f cores (%.2f in the last %d "
                            + "sends)", settledJit, warm.jitCores(), WARM_UP_SENDS)
                            : String.format("the limit, with the JIT compiler still at %.2f cores", warm.jitCores()),
                    idleSends,
                    percentile(idle.totals(), 50), medianOf(loaded, r -> percentile(r.totals(), 50)),
                    percentile(idle.totals(), 99), medianOf(loaded, r -> percentile(r.totals(), 99)),
                    percentile(idle.directs(), 50), medianOf(loaded, r -> percentile(r.directs(), 50)),
                    percentile(idle.directs(), 99), medianOf(loaded, r -> percentile(r.directs(), 99)),
                    medianOf(loaded, Run::loadCommandsPerSecond), loadPerSecond,
                    loaded.stream().mapToLong(Run::loadFailures).sum(), medianOf(loaded, Run::cpuMillisPerCommand),
                    percentile(all(loaded, Run::tableFreedMillis), 50), percentile(all(loaded, Run::tableFreedMillis), 99), all(loaded, Run::tableFreedMillis).length,
                    percentile(all(loaded, Run::tableFreedMillis), 100),
                    percentile(all(loaded, Run::tableFreeMillis), 50), percentile(all(loaded, Run::tableFreeMillis), 99), all(loaded, Run::tableFreeMillis).length,
                    percentile(all(loaded, Run::tableFreeMillis), 100)));
            for (int hop = 0; hop < HOPS.size(); hop++) {
                int index = hop;
                report.append(String.format("| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n", HOPS.get(hop),
                        percentile(idle.hop(index), 50), percentile(idle.hop(index), 99),
                        medianOf(loaded, r -> percentile(r.hop(index), 50)),
                        medianOf(loaded, r -> percentile(r.hop(index), 99))));
            }
            report.append(String.format("| **total, send -> push via the gateway** | %.2f ms | %.2f ms | %.2f ms "
                            + "| %.2f ms |%n", percentile(idle.totals(), 50), percentile(idle.totals(), 99),
                    medianOf(loaded, r -> percentile(r.totals(), 50)),
                    medianOf(loaded, r -> percentile(r.totals(), 99))));
            report.append("""

                    Where a paid table's freeing goes under load (payments traced from the client; median over the runs of each run's median and p99):

                    | hop | median | p99 |
                    |---|---|---|
                    """);
            for (int hop = 0; hop < DinnerLoad.FREEING_HOPS.size(); hop++) {
                int index = hop;
                report.append(String.format("| %s | %.1f ms | %.1f ms |%n", DinnerLoad.FREEING_HOPS.get(hop),
                        medianOf(loaded, r -> percentile(r.freeingHops().stream().mapToDouble(h -> h[index])
                                .toArray(), 50)),
                        medianOf(loaded, r -> percentile(r.freeingHops().stream().mapToDouble(h -> h[index])
                                .toArray(), 99))));
            }
            appendCpuByPart(report, loaded);
            appendPostgresWork(report, loaded);
            appendAtRest(report, atRest);
            int incomplete = loaded.stream().mapToInt(Run::incomplete).sum();
            if (incomplete > 0) {
                report.append(String.format("%n%d sends of the runs had a span missing and are left out.%n",
                        incomplete));
            }
        }
    }

    /**
     * Where the CPU of the loaded runs went, service by service and then part by part: the parts that took at least
     * half a percent each, and the rest together.
     */
    private static void appendCpuByPart(StringBuilder report, List<Run> loaded) {
        report.append("""

                Where the CPU goes under load: each part's CPU time over the commands answered during the run (the \
                threads' own CPU time, told to the service that started them; median over the runs), largest first, \
                by service and then by part:

                """);
        appendCpuTable(report, loaded.stream().map(r -> new Run.Cpu(r.cpuByPart().byService(), r.commands())).toList(),
                "service, or what else runs");
        report.append(System.lineSeparator());
        appendCpuTable(report, loaded.stream().map(r -> new Run.Cpu(r.cpuByPart(), r.commands())).toList(),
                "part of the system (service: threads)");
    }

    private static void appendCpuTable(StringBuilder report, List<Run.Cpu> runs, String heading) {
        report.append(String.format("| %s | CPU a command | share |%n|---|---|---|%n", heading));
        double rest = 0;
        int restParts = 0;
        for (String part : ThreadCpu.parts(runs.stream().map(Run.Cpu::use).toList())) {
            double millis = Stats.median(runs.stream().map(r -> r.millisPerCommand(part)).toList());
            double share = Stats.median(runs.stream().map(r -> r.share(part)).toList());
            if (share < 0.005) {
                rest += millis;
                restParts++;
            } else {
                report.append(String.format("| %s | %.2f ms | %.1f%% |%n", part, millis, 100 * share));
            }
        }
        if (restParts > 0) {
            report.append(String.format("| the rest (%d parts, each under 0.5%%) | %.2f ms | |%n", restParts, rest));
        }
        report.append(String.format("| **all of it** | %.2f ms | 100%% |%n",
                Stats.median(runs.stream().map(r -> r.use().total() / 1e6 / r.commands()).toList())));
    }

    /**
     * What PostgreSQL did for each service's database under load, and the statements it ran most, per command
     * answered over all the loaded runs together.
     */
    private static void appendPostgresWork(StringBuilder report, List<Run> loaded) {
        double commands = loaded.stream().mapToLong(Run::commands).sum();
        Map<String, double[]> databases = new TreeMap<>();
        Map<PostgresWork.Query, double[]> statements = new HashMap<>();
        for (Run run : loaded) {
            run.postgres().databases().forEach(d -> {
                double[] sums = databases.computeIfAbsent(d.name(), name -> new double[3]);
                sums[0] += d.backendCpuNanos() / 1e6;
                sums[1] += d.commits();
                sums[2] += d.statements();
            });
            run.postgres().statements().forEach(s -> {
                double[] sums = statements.computeIfAbsent(s.getKey(), query -> new double[2]);
                sums[0] += s.getValue().calls();
                sums[1] += s.getValue().execMillis();
            });
        }
        report.append("""

                What PostgreSQL did under load, by service's database, per command answered (all loaded runs together; \
                the CPU of the backends serving each database, transactions committed, statements run as \
                `pg_stat_statements` counts them, transaction control included):

                | database | backends' CPU a command | transactions a command | statements a command |
                |---|---|---|---|
                """);
        databases.entrySet().stream().sorted(Map.Entry.comparingByValue(
                        Comparator.comparingDouble((double[] sums) -> sums[0]).reversed()))
                .forEach(d -> report.append(String.format("| %s | %.2f ms | %.1f | %.1f |%n", d.getKey(),
                        d.getValue()[0] / commands, d.getValue()[1] / commands, d.getValue()[2] / commands)));
        report.append("""

                The statements PostgreSQL ran most (time: inside the server, as it counts its statements' execution):

                | database | statement | calls a command | time a command |
                |---|---|---|---|
                """);
        statements.entrySet().stream().sorted(Map.Entry.comparingByValue(
                        Comparator.comparingDouble((double[] sums) -> sums[0]).reversed()))
                .limit(POSTGRES_STATEMENTS_SHOWN)
                .forEach(s -> report.append(String.format("| %s | `%s` | %.2f | %.3f ms |%n", s.getKey().database(),
                        s.getKey().text(), s.getValue()[0] / commands, s.getValue()[1] / commands)));
    }

    /** The CPU the system uses with nothing to do, service by service and in its largest parts, in cores. */
    private static void appendAtRest(StringBuilder report, ThreadCpu.Use atRest) {
        report.append(String.format("""

                At rest: the CPU the system used in %d s with nothing sent, after the warm-up, in cores (1.00 is one \
                core busy all the time):

                | service, or what else runs | cores |
                |---|---|
                """, AT_REST.toSeconds()));
        double nanos = AT_REST.toNanos();
        ThreadCpu.Use byService = atRest.byService();
        ThreadCpu.parts(List.of(byService)).forEach(service -> report.append(String.format("| %s | %.3f |%n",
                service, byService.byPart().get(service) / nanos)));
        report.append(String.format("| **all of it** | %.3f |%n%nIts largest parts:%n%n| part | cores |%n|---|---|%n",
                atRest.total() / nanos));
        ThreadCpu.parts(List.of(atRest)).stream().limit(10).forEach(part -> report.append(String.format(
                "| %s | %.3f |%n", part, atRest.byPart().get(part) / nanos)));
    }

    record WarmUp(Duration took, double jitCores, boolean settled) {
    }

    /**
     * Sends under the dinner load, {@link #WARM_UP_SENDS} at a time, until the JIT compiler uses less than
     * {@code settled} cores over a round of them (or {@code limit} has passed): until then the compiler takes its share
     * of the two cores from the services, which a service that has run for a while no longer pays.
     */
    private WarmUp warmUntilCompiled(double loadPerSecond, double settled, Duration limit) throws Exception {
        long started = System.nanoTime();
        while (true) {
            long roundStarted = System.nanoTime();
            long jitBefore = JvmThreads.cpu().getOrDefault(JvmThreads.JIT, 0L);
            measure(0, WARM_UP_SENDS, loadPerSecond);
            double cores = (JvmThreads.cpu().getOrDefault(JvmThreads.JIT, 0L) - jitBefore)
                    / (double) (System.nanoTime() - roundStarted);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("  warming up: %d s, the JIT compiler at %.2f cores%n", took.toSeconds(), cores);
            if (cores < settled || took.compareTo(limit) > 0) {
                return new WarmUp(took, cores, cores < settled);
            }
        }
    }

    /** What the system uses with nothing to do: its CPU over {@code quiet} with no request sent. */
    private ThreadCpu.Use atRest(Duration quiet) throws InterruptedException {
        ThreadCpu.Snapshot before = threadCpu.snapshot();
        Thread.sleep(quiet.toMillis());
        return threadCpu.between(before, threadCpu.snapshot());
    }

    private static double medianOf(List<Run> runs, java.util.function.ToDoubleFunction<Run> measure) {
        return Stats.median(runs.stream().map(measure::applyAsDouble).toList());
    }

    /** One figure of every run, all together. */
    private static double[] all(List<Run> runs, java.util.function.Function<Run, double[]> figure) {
        return runs.stream().flatMapToDouble(r -> java.util.Arrays.stream(figure.apply(r))).toArray();
    }

    private static double percentile(double[] values, double percentile) {
        return values.length == 0 ? Double.NaN : Stats.percentile(values, percentile);
    }

    PushLatencyBenchmark() throws Exception {
        keys = KeySetServer.start();
        TestInfrastructure.get();
        postgresWork = new PostgresWork();
        threadCpu.claim(ThreadCpu.BEFORE_SERVICES);
        ConfigurableApplicationContext catalog = start(CatalogServiceApplication.class,
                "brigade.catalog.demo-restaurant=true");
        ConfigurableApplicationContext order = start(OrderServiceApplication.class);
        ConfigurableApplicationContext kitchen = start(KitchenServiceApplication.class);
        ConfigurableApplicationContext billing = start(BillingServiceApplication.class);
        ConfigurableApplicationContext gateway = start(GatewayApplication.class,
                "brigade.gateway.services.auth=" + keys.url(),
                "brigade.gateway.services.order=http://localhost:" + port(order),
                "brigade.gateway.services.kitchen=http://localhost:" + port(kitchen),
                "brigade.gateway.services.billing=http://localhost:" + port(billing),
                "brigade.gateway.services.catalog=http://localhost:" + port(catalog),
                "brigade.gateway.rate-limit.per-user-per-second=1000000",
                "brigade.gateway.rate-limit.per-user-burst=1000000",
                "brigade.gateway.rate-limit.per-address-per-second=1000000",
                "brigade.gateway.rate-limit.per-address-burst=1000000",
                "logging.level.io.brigade.gateway.requests=WARN");
        gatewayUrl = "localhost:" + port(gateway);
        catalogUrl = "localhost:" + port(catalog);
        staff = new Staff("http://" + gatewayUrl, "");
        int number = 100;
        for (int i = 0; i < MEASURED_TABLES + LOAD_TABLES; i++) {
            var table = staff.manager().post("/api/v1/tables", Map.of("number", number + i, "seats", 4));
            if (table.status() != 201) {
                throw new IllegalStateException("Could not add a table: " + table.raw());
            }
            (i < MEASURED_TABLES ? measuredTables : loadTables).add(UUID.fromString(table.text("id")));
        }
        JdbcTemplate orderDb = order.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (orderDb.queryForObject("select count(*) from dining_table", Integer.class)
                < DEMO.tables().size() + MEASURED_TABLES + LOAD_TABLES
                || orderDb.queryForObject("select count(*) from menu_item", Integer.class) < DEMO.items().size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The order service never got the menu and tables from the catalog");
            }
            Thread.sleep(200);
        }
        arrivals = new KafkaArrivals(List.of(prefix + Topics.ORDER_EVENTS, prefix + Topics.KITCHEN_EVENTS));
    }

    /**
     * {@code sends} measured sends, one after another, while the dinner load runs at {@code loadPerSecond} commands
     * a second (0 for none). After the first {@code warmUp} sends (not counted) the measurement starts.
     */
    Run measure(int sends, int warmUp, double loadPerSecond) throws Exception {
        try (Screens screens = new Screens();
             DinnerLoad load = new DinnerLoad("http://" + gatewayUrl, loadTables, spans)) {
            if (loadPerSecond > 0) {
                load.start(loadPerSecond);
            }
            List<Sample> samples = new ArrayList<>();
            int incomplete = 0;
            load.drainTableFreeMillis();
            ThreadCpu.Snapshot partsBefore = threadCpu.snapshot();
            PostgresWork.Snapshot postgresBefore = postgresWork.snapshot();
            long commandsBefore = load.commands() + measuredCommands.get();
            for (int i = 0; i < warmUp + sends; i++) {
                Optional<Sample> sample = sendOnce(i, screens);
                if (i >= warmUp) {
                    if (sample.isPresent()) {
                        samples.add(sample.get());
                    } else {
                        incomplete++;
                    }
                }
            }
            double rate = load.commandsPerSecond();
            ThreadCpu.Use byPart = threadCpu.between(partsBefore, threadCpu.snapshot());
            PostgresWork.Use postgres = PostgresWork.between(postgresBefore, postgresWork.snapshot());
            long commands = Math.max(1, load.commands() + measuredCommands.get() - commandsBefore);
            if (load.failures() > 0) {
                System.out.println("Background load failures: " + load.failures() + " " + load.failureSamples());
            }
            return new Run(samples, incomplete, loadPerSecond > 0 ? rate : 0, load.failures(),
                    load.drainTableFreeMillis(), load.drainFreeingHops(), byPart, commands, postgres);
        }
    }

    private Optional<Sample> sendOnce(int i, Screens screens) throws Exception {
        UUID table = measuredTables.get(i % measuredTables.size());
        String orderId = orderAt(table);
        var added = retried(() -> staff.waiter().post("/api/v1/orders/" + orderId + "/lines",
                Map.of("menuItemId", DEMO.item(GRILL_ITEM).id().toString(), "quantity", 1)));
        if (added.status() != 201) {
            throw new IllegalStateException("Could not add a line: " + added.raw());
        }
        int sendNumber = sendsOf.merge(orderId, 1, Integer::sum);
        String ticket = TicketId.forSend(OrderId.of(orderId), sendNumber, "grill").toString();
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        spans.watch(traceId);
        arrivals.watch(traceId);
        long sentAt = CLOCK.now();
        ApiClient.Response sent;
        try {
            measuredCommands.incrementAndGet();
            String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
            sent = staff.waiter().withHeader("traceparent", traceparent)
                    .post("/api/v1/orders/" + orderId + "/send", Map.of());
        } catch (UncheckedIOException e) {
            // the connection broke under the send: whether it was sent is unknown, so the order is given up
            System.out.println("Send failed: " + e.getMessage());
            spans.forget(traceId);
            arrivals.forget(traceId);
            retried(() -> staff.manager().post("/api/v1/orders/" + orderId + "/cancel", Map.of("reason", "benchmark")));
            openOrders.remove(table);
            return Optional.empty();
        }
        if (sent.status() != 200) {
            throw new IllegalStateException("Could not send: " + sent.raw());
        }
        long direct;
        long viaGateway;
        try {
            direct = screens.direct(ticket);
            viaGateway = screens.viaGateway(ticket);
        } catch (TimeoutException e) {
            System.out.println("No push within " + PUSH_PATIENCE.toSeconds() + " s of send " + traceId + ": "
                    + spans.of(traceId).stream().map(s -> HopSpans.service(s) + " " + s.getName()).toList());
            direct = viaGateway = -1;
        }
        Optional<Sample> sample = Optional.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (direct > 0 && sample.isEmpty() && System.nanoTime() < deadline) {
            sample = hops(traceId, sentAt, direct, viaGateway);
            if (sample.isEmpty()) {
                Thread.sleep(5);
            }
        }
        if (direct > 0 && sample.isEmpty()) {
            System.out.println("Incomplete trace " + traceId + ": " + spans.of(traceId).stream()
                    .map(s -> HopSpans.service(s) + " " + s.getName()).toList() + "; on Kafka: "
                    + arrivals.seen(traceId));
        }
        spans.forget(traceId);
        arrivals.forget(traceId);
        // a ticket whose push never came may not exist yet: the kitchen is given up to a minute to create it
        var bumped = retried(() -> staff.cook().post("/api/v1/kitchen/tickets/" + ticket + "/bump", null));
        for (long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
             bumped.status() == 404 && System.nanoTime() < until; ) {
            Thread.sleep(100);
            bumped = retried(() -> staff.cook().post("/api/v1/kitchen/tickets/" + ticket + "/bump", null));
        }
        if (bumped.status() != 204 && bumped.status() != 409) {
            throw new IllegalStateException("Could not bump: " + bumped.raw());
        }
        if (sendNumber == SENDS_PER_ORDER) {
            var cancelled = retried(() -> staff.manager().post("/api/v1/orders/" + orderId + "/cancel",
                    Map.of("reason", "benchmark")));
            if (cancelled.status() != 204) {
                throw new IllegalStateException("Could not cancel: " + cancelled.raw());
            }
            openOrders.remove(table);
        }
        return sample;
    }

    /** The open order at a measured table; a new one when the last was cancelled. */
    private String orderAt(UUID table) {
        return openOrders.computeIfAbsent(table, t -> {
            var opened = retried(() -> staff.waiter().post("/api/v1/orders",
                    Map.of("tableId", t.toString(), "guests", 2)));
            if (opened.status() != 201) {
                throw new IllegalStateException("Could not open an order: " + opened.raw());
            }
            return opened.text("orderId");
        });
    }

    /** A call repeated when its connection breaks (the gateway may close a kept-alive one as it is reused). */
    private static ApiClient.Response retried(java.util.function.Supplier<ApiClient.Response> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                measuredCommands.incrementAndGet();
                return call.get();
            } catch (UncheckedIOException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private Optional<Sample> hops(String traceId, long sentAt, long direct, long viaGateway) {
        Optional<SpanData> request = spans.find(traceId, "order-command", s -> s.getKind() == SpanKind.SERVER);
        Optional<SpanData> orderPublisher = spans.find(traceId, "order-command", handling(PUBLISHER, "OrderLinesSent"));
        Optional<SpanData> kitchenOrders = spans.find(traceId, "kitchen-command",
                handling("kitchen-orders", "OrderLinesSent"));
        Optional<SpanData> kitchenPublisher = spans.find(traceId, "kitchen-command",
                handling(PUBLISHER, "TicketCreated"));
        Optional<SpanData> board = spans.find(traceId, "catalog-query", handling("kitchen-board", "TicketCreated"));
        Long linesSentOnKafka = arrivals.at(traceId, "OrderLinesSent");
        Long ticketOnKafka = arrivals.at(traceId, "TicketCreated");
        if (request.isEmpty() || orderPublisher.isEmpty() || kitchenOrders.isEmpty() || kitchenPublisher.isEmpty()
                || board.isEmpty() || linesSentOnKafka == null || ticketOnKafka == null) {
            return Optional.empty();
        }
        long[] points = {
                sentAt,
                request.get().getStartEpochNanos(),
                request.get().getEndEpochNanos(),
                orderPublisher.get().getStartEpochNanos(),
                linesSentOnKafka,
                kitchenOrders.get().getStartEpochNanos(),
                kitchenOrders.get().getEndEpochNanos(),
                kitchenPublisher.get().getStartEpochNanos(),
                ticketOnKafka,
                board.get().getStartEpochNanos(),
                board.get().getEndEpochNanos(),
                direct,
                viaGateway};
        double[] hops = new double[points.length - 1];
        for (int i = 0; i < hops.length; i++) {
            hops[i] = (points[i + 1] - points[i]) / 1e6;
        }
        return Optional.of(new Sample(hops, (viaGateway - sentAt) / 1e6, (direct - sentAt) / 1e6));
    }

    private static Predicate<SpanData> handling(String processor, String event) {
        return span -> span.getName().equals(processor + " " + event);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        bytes[0] |= 1;
        return bytes;
    }

    /** Two kitchen screens on the grill: one through the gateway, one on catalog-query's own {@code /ws}. */
    private final class Screens implements AutoCloseable {

        private final List<StompSession> sessions = new ArrayList<>();
        private final Map<String, CompletableFuture<Long>> throughGateway = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<Long>> straight = new ConcurrentHashMap<>();

        Screens() throws Exception {
            connect(gatewayUrl, throughGateway);
            connect(catalogUrl, straight);
            Thread.sleep(1000);
        }

        long viaGateway(String ticket) throws Exception {
            return await(throughGateway, ticket);
        }

        long direct(String ticket) throws Exception {
            return await(straight, ticket);
        }

        private long await(Map<String, CompletableFuture<Long>> arrived, String ticket) throws Exception {
            try {
                return arrived.computeIfAbsent(ticket, key -> new CompletableFuture<>())
                        .get(PUSH_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } finally {
                arrived.remove(ticket);
            }
        }

        private void connect(String url, Map<String, CompletableFuture<Long>> arrived) throws Exception {
            WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
            client.setMessageConverter(new ByteArrayMessageConverter() {
                @Override
                protected boolean supportsMimeType(org.springframework.messaging.MessageHeaders headers) {
                    return true;
                }
            });
            StompHeaders connect = new StompHeaders();
            connect.add("Authorization", "Bearer " + TestTokens.accessToken("cook", "KITCHEN"));
            StompSession session = client.connectAsync(URI.create("ws://" + url + "/ws"), new WebSocketHttpHeaders(),
                    connect, new StompSessionHandlerAdapter() {
                    }).get(30, TimeUnit.SECONDS);
            session.subscribe("/topic/kitchen.grill", new StompFrameHandler() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return byte[].class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    long at = CLOCK.now();
                    try {
                        JsonNode message = JSON.readTree((byte[]) payload);
                        if (message.path("type").asText().equals("order:new")) {
                            arrived.computeIfAbsent(message.path("data").path("ticketId").asText(),
                                    key -> new CompletableFuture<>()).complete(at);
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            sessions.add(session);
        }

        @Override
        public void close() {
            sessions.forEach(session -> {
                if (session.isConnected()) {
                    session.disconnect();
                }
            });
        }
    }

    /** A plain consumer of the order and kitchen topics, noting when each watched trace's events became readable. */
    private static final class KafkaArrivals implements AutoCloseable {

        private final Map<String, Map<String, Long>> byTrace = new ConcurrentHashMap<>();
        private final AtomicBoolean consuming = new AtomicBoolean(true);
        private final Thread consumer;

        KafkaArrivals(List<String> topics) {
            CompletableFuture<Void> ready = new CompletableFuture<>();
            consumer = new Thread(() -> consume(topics, ready), "push-arrivals");
            consumer.start();
            ready.join();
        }

        void watch(String traceId) {
            byTrace.put(traceId, new ConcurrentHashMap<>());
        }

        void forget(String traceId) {
            byTrace.remove(traceId);
        }

        Long at(String traceId, String eventType) {
            return byTrace.getOrDefault(traceId, Map.of()).get(eventType);
        }

        Map<String, Long> seen(String traceId) {
            return Map.copyOf(byTrace.getOrDefault(traceId, Map.of()));
        }

        private void consume(List<String> topics, CompletableFuture<Void> ready) {
            // Kafka's own long poll: the broker answers a fetch as soon as a record arrives, so a short fetch wait
            // would only make it answer hundreds of empty fetches a second, on the cores the measured services need
            Map<String, Object> config = Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
            try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    kafka.partitionsFor(topic, Duration.ofSeconds(10))
                            .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                kafka.assign(partitions);
                kafka.seekToEnd(partitions);
                partitions.forEach(kafka::position);
                ready.complete(null);
                while (consuming.get()) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(20))) {
                        long at = CLOCK.now();
                        String traceparent = header(record, "axon-metadata-traceparent");
                        String type = header(record, "axon-message-type");
                        if (traceparent == null || type == null || traceparent.length() < 35) {
                            continue;
                        }
                        Map<String, Long> events = byTrace.get(traceparent.replace("\"", "").substring(3, 35));
                        if (events != null) {
                            events.putIfAbsent(type.substring(type.lastIndexOf('.') + 1), at);
                        }
                    }
                }
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
                throw e;
            }
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            Header header = record.headers().lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws InterruptedException {
            consuming.set(false);
            consumer.join();
        }
    }

    /** A service as the other benchmarks start it, whose tracer also hands this benchmark the spans it ends. */
    private ConfigurableApplicationContext start(Class<?> application, String... properties) {
        List<String> values = new ArrayList<>(List.of(
                "brigade.kafka.topic-prefix=" + prefix,
                "brigade.kafka.partitions=12",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "logging.structured.format.console="));
        values.addAll(List.of(properties));
        TestInfrastructure.get();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .initializers(new BrigadeTestInitializer(), c -> TestPropertyValues.of(values).applyTo(c),
                        c -> c.getBeanFactory().registerSingleton("pushLatencySpans", spans))
                .run(arguments(values));
        threadCpu.claim(context.getEnvironment().getProperty("spring.application.name"));
        services.add(context);
        return context;
    }

    /** Log levels are read before any initializer runs, so they go on the command line with the port. */
    private static String[] arguments(List<String> values) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0"));
        values.stream().filter(value -> value.startsWith("logging.level.")).forEach(value -> arguments.add("--" + value));
        return arguments.toArray(String[]::new);
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() throws Exception {
        arrivals.close();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        keys.close();
    }
}
