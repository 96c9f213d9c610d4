package io.brigade.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where the CPU of a run goes, part by part of the system: each thread's own CPU time, told to the service that
 * started it and to what the thread does (HTTP requests, one event processor, the Kafka producer...), the JVM's own
 * threads (its JIT compilers and garbage collector as Linux accounts them, {@link JvmThreads}; the rest of what this
 * process used beyond its Java threads), and the PostgreSQL server with its backends. Every service runs in this process, so a thread belongs to the service during whose
 * start it appeared, and later threads of the same pool (the same name but for the number at its end) to that
 * service too.
 */
final class ThreadCpu {

    static final String BEFORE_SERVICES = "before the services";
    /** What remains of the process's CPU: the JVM's other threads, and threads that ended during the run. */
    static final String OTHER = "the JVM: other threads, and threads that ended";
    private static final String SHARED = "";
    /** The embedded broker's threads; a client's own (producer, group heartbeat) are named after its service. */
    private static final Pattern KAFKA_BROKER = Pattern.compile(
            "(data-plane-kafka|kafka-(?!producer-network-thread|coordinator-heartbeat-thread)|broker-"
                    + "|quorum-controller|controller-|ExpirationReaper|executor-|raft-|LogDirFailureHandler"
                    + "|group-coordinator|transaction-log-manager|share-coordinator).*");
    /** What a thread does, by the first name it starts with. */
    private static final List<Map.Entry<String, String>> ROLES = List.of(
            Map.entry("http-nio-", "HTTP requests (Tomcat)"),
            Map.entry("reactor-http-", "HTTP and websocket relay (Netty)"),
            Map.entry("kafka-producer-network-thread", "Kafka producer"),
            Map.entry("AsyncFetcher", "Kafka consumers"),
            Map.entry("EmbeddedEventStore", "event store reader"),
            Map.entry("clientInboundChannel", "STOMP (inbound)"),
            Map.entry("clientOutboundChannel", "STOMP (outbound)"),
            Map.entry("live-change-feed", "live change feed"),
            Map.entry("audit-checkpoints", "audit checkpoints"),
            Map.entry("HikariPool", "connection pool"));

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, String> ownerById = new HashMap<>();
    private final Map<String, String> ownerByPool = new HashMap<>();

    record Snapshot(Map<Long, Long> cpuById, Map<Long, String> names, long processCpu, Map<String, Long> jvmCpu,
                    long postgresCpu) {
    }

    /** CPU nanoseconds of a run by part of the system, in a stable order. */
    record Use(Map<String, Long> byPart) {

        long total() {
            return byPart.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The same use with the parts of each service summed ({@link #service}). */
        Use byService() {
            Map<String, Long> summed = new TreeMap<>();
            byPart.forEach((part, nanos) -> summed.merge(service(part), nanos, Long::sum));
            return new Use(summed);
        }
    }

    ThreadCpu() {
        if (!threads.isThreadCpuTimeSupported()) {
            throw new IllegalStateException("This JVM cannot measure the CPU time of its threads");
        }
        threads.setThreadCpuTimeEnabled(true);
    }

    /** Threads that started since the last call belong to {@code owner}, and so do later threads of their pools. */
    void claim(String owner) {
        for (var entry : names().entrySet()) {
            if (ownerById.putIfAbsent(entry.getKey(), owner) == null) {
                String pool = pool(entry.getValue());
                String earlier = ownerByPool.putIfAbsent(pool, owner);
                if (earlier != null && !earlier.equals(owner)) {
                    ownerByPool.put(pool, SHARED);
                }
            }
        }
    }

    Snapshot snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = names();
        names.keySet().forEach(id -> {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        });
        return new Snapshot(cpu, names, CpuTime.ofThisProcess(), JvmThreads.cpu(), CpuTime.ofPostgres());
    }

    /**
     * What each part used between two snapshots. A thread that ended in between is not seen, so its CPU counts with
     * the JVM's other threads: what remains of the process's CPU once its living Java threads, JIT compilers and
     * garbage collector threads are counted.
     */
    Use between(Snapshot before, Snapshot after) {
        Map<String, Long> byPart = new TreeMap<>();
        long javaThreads = 0;
        for (var entry : after.cpuById().entrySet()) {
            long used = entry.getValue() - before.cpuById().getOrDefault(entry.getKey(), 0L);
            javaThreads += used;
            byPart.merge(part(entry.getKey(), after.names().get(entry.getKey())), used, Long::sum);
        }
        long jvmThreads = 0;
        for (String kind : List.of(JvmThreads.JIT, JvmThreads.GC)) {
            long used = after.jvmCpu().getOrDefault(kind, 0L) - before.jvmCpu().getOrDefault(kind, 0L);
            jvmThreads += used;
            byPart.put(kind, used);
        }
        byPart.put(OTHER, Math.max(0, after.processCpu() - before.processCpu() - javaThreads - jvmThreads));
        byPart.put("PostgreSQL", after.postgresCpu() - before.postgresCpu());
        return new Use(byPart);
    }

    private String part(long id, String name) {
        String owner = ownerById.get(id);
        if (owner == null) {
            owner = ownerByPool.get(pool(name));
        }
        if (owner == null || owner.equals(SHARED) || owner.equals(BEFORE_SERVICES)) {
            if (KAFKA_BROKER.matcher(name).matches()) {
                return "Kafka broker";
            }
            if (owner == null || owner.equals(BEFORE_SERVICES)) {
                return "the benchmark's clients and the rest of the process";
            }
            return "services, not told apart: " + role(name);
        }
        return owner + ": " + role(name);
    }

    private static String role(String name) {
        if (name.startsWith("EventProcessor[")) {
            return "processor " + name.substring("EventProcessor[".length(), name.indexOf(']'));
        }
        return ROLES.stream().filter(role -> name.startsWith(role.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("other threads");
    }

    /** A thread's pool: its name but for the number at its end. */
    private static String pool(String name) {
        return name.replaceFirst("\\d+$", "");
    }

    private Map<Long, String> names() {
        Map<Long, String> names = new HashMap<>();
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        return names;
    }

    /** The service a part belongs to, or the part itself when it is no service's (the broker, PostgreSQL...). */
    static String service(String part) {
        int colon = part.indexOf(": ");
        return colon < 0 ? part : part.substring(0, colon);
    }

    /** The parts a run's uses name, for a table: largest first by their summed use. */
    static List<String> parts(List<Use> uses) {
        Map<String, Long> summed = new HashMap<>();
        uses.forEach(use -> use.byPart().forEach((part, nanos) -> summed.merge(part, nanos, Long::sum)));
        return summed.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }
}
