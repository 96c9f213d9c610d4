package io.brigade.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import io.brigade.platform.test.hostile.HostileSockets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every answer of the rush by level of the ramp (the level is the table arrival rate then offered), so the summary
 * shows where latency and errors turn: the knee. Gatling's own report shows the whole run.
 */
final class RushRecorder {

    /** One level of the open-model ramp: from when, at how many new tables a second. */
    record Level(double startSecond, double endSecond, double tablesPerSecond) {
    }

    /** Names of a table's waits (kitchen to ready, bill to issued), kept apart from the requests. */
    static final String WAITED = "waited: ";

    private final List<Level> levels;
    private final long startedNanos = System.nanoTime();
    private final ConcurrentMap<Integer, ConcurrentMap<String, Samples>> byLevel = new ConcurrentHashMap<>();

    private final ConcurrentMap<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
    private final AtomicLong hostileSent = new AtomicLong();
    private final AtomicLong hostileRefused = new AtomicLong();
    private final Map<String, Object> hostileOutcome = new LinkedHashMap<>();
    private final List<String> requestsNotRefused = new CopyOnWriteArrayList<>();
    private final List<String> socketsNotRefused = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, AtomicLong> socketRefusals = new ConcurrentHashMap<>();
    /** By level, each processor's largest lag seen: {events, milliseconds (-1 while unknown)}. */
    private final ConcurrentMap<Integer, ConcurrentMap<String, long[]>> lagByLevel = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, List<String>> lagUnread = new ConcurrentHashMap<>();

    RushRecorder(List<Level> levels) {
        this.levels = levels;
    }

    void record(String request, boolean command, long millis, boolean failed) {
        if (command && !failed) {
            acknowledged.computeIfAbsent(request, r -> new AtomicLong()).incrementAndGet();
        }
        int level = levelNow();
        if (level < 0) {
            return;
        }
        ConcurrentMap<String, Samples> requests = byLevel.computeIfAbsent(level, l -> new ConcurrentHashMap<>());
        requests.computeIfAbsent(request, r -> new Samples(command)).add(millis, failed);
    }

    private int levelNow() {
        double second = (System.nanoTime() - startedNanos) / 1e9;
        for (int i = 0; i < levels.size(); i++) {
            if (second >= levels.get(i).startSecond() && second < levels.get(i).endSecond()) {
                return i;
            }
        }
        return -1;
    }

    /** One reading of a processor's lag: events still to handle and, when known, how old its last event was. */
    void processorLag(String processor, long events, Optional<Long> millis) {
        int level = levelNow();
        if (level < 0) {
            return;
        }
        long[] largest = lagByLevel.computeIfAbsent(level, l -> new ConcurrentHashMap<>())
                .computeIfAbsent(processor, p -> new long[]{0, -1});
        synchronized (largest) {
            largest[0] = Math.max(largest[0], events);
            millis.ifPresent(m -> largest[1] = Math.max(largest[1], m));
        }
    }

    /** A service whose processors could not be read at one reading. */
    void processorLagUnread(String why) {
        int level = levelNow();
        if (level >= 0) {
            lagUnread.computeIfAbsent(level, l -> new CopyOnWriteArrayList<>()).add(why);
        }
    }

    /** A hostile request or websocket, and whether it was refused as it must be. */
    void hostile(boolean refused) {
        hostileSent.incrementAndGet();
        if (refused) {
            hostileRefused.incrementAndGet();
        }
    }

    /** A hostile request, what was broken in it, and its answer: one not refused with a 4xx is kept for the summary. */
    void hostileRequest(String broken, int status) {
        boolean refused = status >= 400 && status < 500;
        hostile(refused);
        if (!refused) {
            requestsNotRefused.add(status + " to " + broken);
        }
    }

    /** A hostile websocket, and how the server refused it; one it kept open fails the run afterwards. */
    void hostileSocket(HostileSockets.Outcome outcome) {
        hostile(outcome.refused());
        if (!outcome.refused()) {
            socketsNotRefused.add(outcome.toString());
        }
        socketRefusals.computeIfAbsent(outcome.toString(), o -> new AtomicLong()).incrementAndGet();
    }

    /**
     * Checks that the hostile clients changed nothing: what they aimed at reads as before the rush, and the live view
     * holds exactly the orders and lines the waiters had acknowledged (read again for up to a minute, as the view
     * follows the events). Fails the run otherwise.
     */
    void hostileChangedNothing(Map<String, String> before, Supplier<Map<String, String>> now,
                               Supplier<long[]> rushOrdersAndLines) {
        long opened = count("open order");
        long added = count("add line");
        long[] viewed = rushOrdersAndLines.get();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while ((viewed[0] != opened || viewed[1] != added) && System.nanoTime() < deadline) {
            sleep();
            viewed = rushOrdersAndLines.get();
        }
        Map<String, String> after = now.get();
        List<String> changed = before.keySet().stream().filter(key -> !before.get(key).equals(after.get(key)))
                .toList();
        hostileOutcome.put("sent", hostileSent.get());
        hostileOutcome.put("refused", hostileRefused.get());
        hostileOutcome.put("notRefused", List.copyOf(requestsNotRefused));
        hostileOutcome.put("sockets", new TreeMap<>(socketRefusals));
        hostileOutcome.put("targetsChanged", changed);
        hostileOutcome.put("ordersAcknowledged", opened);
        hostileOutcome.put("ordersInTheView", viewed[0]);
        hostileOutcome.put("linesAcknowledged", added);
        hostileOutcome.put("linesInTheView", viewed[1]);
        System.out.println("Hostile clients: " + hostileOutcome);
        if (!changed.isEmpty() || viewed[0] != opened || viewed[1] != added || !socketsNotRefused.isEmpty()) {
            throw new IllegalStateException("Hostile clients changed something: " + hostileOutcome);
        }
    }

    private long count(String command) {
        AtomicLong count = acknowledged.get(command);
        return count == null ? 0 : count.get();
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void write(Path summary) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<Integer, ConcurrentMap<String, Samples>> entry : new TreeMap<>(byLevel).entrySet()) {
            Level level = levels.get(entry.getKey());
            double seconds = level.endSecond() - level.startSecond();
            Samples all = new Samples(false);
            Samples commands = new Samples(true);
            Map<String, Object> requests = new TreeMap<>();
            entry.getValue().forEach((name, samples) -> {
                if (!name.startsWith(WAITED)) {
                    all.addAll(samples);
                }
                if (samples.command) {
                    commands.addAll(samples);
                }
                requests.put(name, samples.describe(seconds));
            });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("tablesPerSecond", level.tablesPerSecond());
            row.put("fromSecond", level.startSecond());
            row.put("toSecond", level.endSecond());
            row.put("commandsPerSecond", Math.round(commands.count() / seconds * 10) / 10.0);
            row.put("commands", commands.describe(seconds));
            row.put("allRequests", all.describe(seconds));
            row.put("requests", requests);
            row.put("processorLag", lagOf(entry.getKey()));
            out.add(row);
        }
        try {
            Files.createDirectories(summary.toAbsolutePath().getParent());
            Files.writeString(summary, RushRestaurant.json(Map.of("levels", out, "hostile", hostileOutcome)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest lag of the level, in events and in time, with the processors that had it and each one's own. */
    private Map<String, Object> lagOf(int level) {
        Map<String, long[]> processors = new TreeMap<>(lagByLevel.getOrDefault(level, new ConcurrentHashMap<>()));
        Map<String, Object> lag = new LinkedHashMap<>();
        for (int i = 0; i < 2; i++) {
            int measure = i;
            Optional<Map.Entry<String, long[]>> largest = processors.entrySet().stream()
                    .filter(e -> e.getValue()[measure] >= 0)
                    .max(Comparator.comparingLong(e -> e.getValue()[measure]));
            String name = measure == 0 ? "Events" : "Millis";
            lag.put("max" + name, largest.map(e -> e.getValue()[measure]).orElse(-1L));
            lag.put("max" + name + "In", largest.map(Map.Entry::getKey).orElse(null));
        }
        Map<String, Object> each = new LinkedHashMap<>();
        processors.forEach((name, largest) -> each.put(name, Map.of("events", largest[0], "millis", largest[1])));
        lag.put("processors", each);
        lag.put("unreadings", lagUnread.getOrDefault(level, List.of()));
        return lag;
    }

    private static final class Samples {
        private final boolean command;
        private long[] millis = new long[256];
        private int size;
        private final AtomicLong failures = new AtomicLong();

        Samples(boolean command) {
            this.command = command;
        }

        synchronized void add(long value, boolean failed) {
            if (size == millis.length) {
                millis = Arrays.copyOf(millis, size * 2);
            }
            millis[size++] = value;
            if (failed) {
                failures.incrementAndGet();
            }
        }

        synchronized void addAll(Samples other) {
            synchronized (other) {
                for (int i = 0; i < other.size; i++) {
                    add(other.millis[i], false);
                }
                failures.addAndGet(other.failures.get());
            }
        }

        synchronized int count() {
            return size;
        }

        synchronized Map<String, Object> describe(double seconds) {
            long[] sorted = Arrays.copyOf(millis, size);
            Arrays.sort(sorted);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("count", size);
            row.put("perSecond", Math.round(size / seconds * 10) / 10.0);
            row.put("failed", failures.get());
            row.put("p50", percentile(sorted, 50));
            row.put("p95", percentile(sorted, 95));
            row.put("p99", percentile(sorted, 99));
            row.put("max", sorted.length == 0 ? 0 : sorted[sorted.length - 1]);
            return row;
        }

        private static long percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }
}
