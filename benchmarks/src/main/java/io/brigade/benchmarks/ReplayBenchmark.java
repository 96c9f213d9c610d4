package io.brigade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.reporting.ReportingApplication;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The reporting service's rebuild from offset zero: a year of history written to the topics, read once by the live
 * feed, then replayed while a manager's screen asks for the year's sales every 100 ms. Each replay's events per
 * second come from the service's own replay status; each answer the reader got is counted as complete (the same
 * figures as before the replay), or as an error, an empty or a partial report.
 */
final class ReplayBenchmark implements AutoCloseable {

    private static final String YEAR = "/api/v1/reports/sales?from=2025-12-01&to=2026-11-30&groupBy=day";

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext service;
    private final ApiClient reports;
    private final JdbcTemplate db;
    long written;
    double liveEventsPerSecond;
    private JsonNode yearBefore;

    /**
     * One replay: its rate, what the sales reader got, the machine's load average as it started, and the CPU time
     * this process (service, broker and reader) used meanwhile, which says how much of the machine it was given.
     */
    record Run(double eventsPerSecond, long processed, Duration took, long complete, long errors, long empty,
               long partial, double loadAverage, double cpuSeconds) {
    }

    ReplayBenchmark(long events) {
        service = stage.start(ReportingApplication.class, "logging.level.io.brigade.reporting.replay=INFO");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        reports = ApiClient.at("http://localhost:" + port);
        db = service.getBean(JdbcTemplate.class);
        RestaurantHistory history = new RestaurantHistory(TestInfrastructure.get().kafkaBootstrapServers(),
                stage::topic);
        long start = System.nanoTime();
        written = history.write(events);
        history.close();
        System.out.printf("wrote %,d events in %.1f s%n", written, (System.nanoTime() - start) / 1e9);
        long readFrom = System.nanoTime();
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(20).toMillis();
        while (read() < written) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The live feed read " + read() + " of " + written);
            }
            sleep(200);
        }
        liveEventsPerSecond = written / ((System.nanoTime() - readFrom) / 1e9);
        System.out.printf("live feed read them at %,.0f events/s%n", liveEventsPerSecond);
        yearBefore = reports.as("manager", "MANAGER").get(YEAR).body();
    }

    private long read() {
        return db.queryForObject("select coalesce(sum(next_offset), 0) from reports.feed_offset", Long.class);
    }

    Run replay(Path profile) throws Exception {
        // a token of its own for each replay: on a busy machine a few replays outlast one
        ApiClient manager = reports.as("manager", "MANAGER");
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong complete = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong empty = new AtomicLong();
        AtomicLong partial = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                long next = System.nanoTime() + 100_000_000L;
                try {
                    ApiClient.Response answer = manager.get(YEAR);
                    if (answer.status() != 200) {
                        errors.incrementAndGet();
                    } else if (answer.body().path("rows").isEmpty()) {
                        empty.incrementAndGet();
                    } else if (!answer.body().path("totals").equals(yearBefore.path("totals"))
                            || !answer.body().path("rows").equals(yearBefore.path("rows"))) {
                        partial.incrementAndGet();
                    } else {
                        complete.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
                sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
            }
        }, "sales-reader");
        reader.start();
        Recording recording = null;
        if (profile != null) {
            recording = new Recording();
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.start();
        }
        var machine = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadAverage = machine.getSystemLoadAverage();
        long cpuBefore = machine.getProcessCpuTime();
        ApiClient.Response started = manager.post("/api/v1/reports/replay", null);
        if (started.status() != 202) {
            throw new IllegalStateException("Replay refused: " + started.raw());
        }
        JsonNode status;
        do {
            sleep(100);
            status = manager.get("/api/v1/reports/replay").body();
        } while (status.path("state").asText().equals("RUNNING"));
        double cpuSeconds = (machine.getProcessCpuTime() - cpuBefore) / 1e9;
        if (recording != null) {
            recording.stop();
            recording.dump(profile);
            recording.close();
            System.out.println("profile of this replay: " + profile);
        }
        sleep(1000);
        reading.set(false);
        reader.join();
        if (!status.path("state").asText().equals("DONE")) {
            throw new IllegalStateException("Replay ended " + status);
        }
        Duration took = Duration.between(Instant.parse(status.path("startedAt").asText()),
                Instant.parse(status.path("finishedAt").asText()));
        long processed = status.path("processed").asLong();
        System.out.printf("replay of %,d events in %.1f s; load average %.1f as it started; this process used %.1f "
                        + "CPU s meanwhile (%.2f cores)%n", processed, took.toMillis() / 1000.0, loadAverage,
                cpuSeconds, cpuSeconds / (took.toMillis() / 1000.0));
        return new Run(processed / (took.toMillis() / 1000.0), processed, took, complete.get(), errors.get(),
                empty.get(), partial.get(), loadAverage, cpuSeconds);
    }

    /**
     * Where the process spent its time during a replay, from a JFR recording: the threads seen running most often
     * (the broker's and the reader's too, as they share the machine), then what the replay's own threads were doing
     * and their hottest methods (top of stack). A sample stands for 10 ms on a CPU.
     */
    static String hottest(Path profile, int top) throws Exception {
        Map<String, Long> perThread = new HashMap<>();
        Map<String, Long> selfSamples = new HashMap<>();
        Map<String, Long> inStack = new HashMap<>();
        long all = 0;
        long replay = 0;
        for (var event : RecordingFile.readAllEvents(profile)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            String threadName = thread == null || thread.getJavaName() == null ? "?"
                    : thread.getJavaName().replaceAll("[-#]?\\d+$", "");
            all++;
            perThread.merge(threadName, 1L, Long::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (!threadName.startsWith("report-replay") || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            replay++;
            RecordedFrame frame = stack.getFrames().get(0);
            selfSamples.merge(name(frame), 1L, Long::sum);
            stack.getFrames().stream().map(ReplayBenchmark::area).filter(java.util.Objects::nonNull).distinct()
                    .forEach(area -> inStack.merge(area, 1L, Long::sum));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d samples in the process, %d of them in the replay's threads%n%n"
                + "threads seen running most often (share of all samples):%n", all, replay));
        long total = Math.max(1, all);
        perThread.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("- %s: %.0f%% (%.1f s on a CPU)%n", e.getKey(),
                        100.0 * e.getValue() / total, e.getValue() / 100.0)));
        long replaySamples = Math.max(1, replay);
        out.append(String.format("%nwhere the replay's threads spend their time (share of their samples with that "
                + "code on the stack):%n"));
        inStack.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("- %s: %.0f%%%n", e.getKey(),
                        100.0 * e.getValue() / replaySamples)));
        out.append(String.format("%nhottest methods of the replay's threads (top of stack):%n"));
        selfSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("- %s: %.0f%%%n", e.getKey(),
                        100.0 * e.getValue() / replaySamples)));
        return out.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** What part of the work a frame belongs to. */
    private static String area(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        String method = frame.getMethod().getName();
        if (type.startsWith("io.brigade.reporting.feed.EventDecoder") && method.equals("decode")) {
            return "reading events (headers, JSON payloads)";
        }
        if (type.startsWith("com.fasterxml.jackson")) {
            return "Jackson (JSON payloads)";
        }
        if (type.startsWith("org.apache.kafka.clients.consumer") && method.equals("poll")) {
            return "Kafka consumer poll (fetch, record parsing)";
        }
        if (type.startsWith("io.brigade.reporting.report.ReportFold")) {
            return "folding into report rows";
        }
        if (type.startsWith("io.brigade.reporting.report.ReportTables")
                && (method.equals("write") || method.equals("fill"))) {
            return "writing report tables (COPY)";
        }
        if (type.startsWith("org.postgresql")) {
            return "PostgreSQL driver";
        }
        if (type.startsWith("java.lang.") || type.startsWith("java.util.concurrent.") || type.contains("$$Lambda")
                || type.startsWith("io.brigade.reporting.replay.")) {
            // on every stack of a thread of a pool, or the loop that calls the rest
            return null;
        }
        return type.substring(0, Math.max(0, type.lastIndexOf('.'))) + " (other)";
    }

    static String files(Path dir) throws Exception {
        try (var list = Files.list(dir)) {
            return list.map(Path::toString).collect(Collectors.joining(", "));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        service.close();
    }
}
