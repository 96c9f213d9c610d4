package io.brigade.benchmarks;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Where the threads sending commands spend their time, from a JFR recording: samples of running Java code and of
 * native calls (a socket read is a wait for PostgreSQL or Kafka). Each sample counts for the innermost part of the work
 * its stack passes through (a wrapper such as the hash-chaining store does not take the time of what it wraps), and
 * the hottest methods at the top of the stacks are listed as they are.
 */
final class CommandProfile {

    /** The parts of the command path, by the first matching package or class prefix. */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("io.brigade.platform.audit", "hash chain (audit)");
        AREAS.put("io.brigade.audit", "hash chain (audit)");
        AREAS.put("io.brigade.platform.metadata", "caller metadata");
        AREAS.put("io.brigade.platform.jdbc", "NUL-replacing statement proxies");
        AREAS.put("io.brigade.platform.axon", "Brigade's Axon wiring");
        AREAS.put("io.brigade.platform.tracing", "tracing");
        AREAS.put("io.micrometer.tracing", "tracing");
        AREAS.put("io.opentelemetry", "tracing");
        AREAS.put("org.axonframework.micrometer", "command monitors (Micrometer)");
        AREAS.put("io.micrometer.core", "command monitors (Micrometer)");
        AREAS.put("io.brigade.order", "order service's own code");
        AREAS.put("io.brigade.benchmarks.baseline", "baseline's own code");
        AREAS.put("org.axonframework.eventsourcing.eventstore.jpa", "Axon JPA event store");
        AREAS.put("org.axonframework.eventsourcing.eventstore", "Axon event store");
        AREAS.put("org.axonframework.modelling.command.inspection", "Axon aggregate model");
        AREAS.put("org.axonframework.eventsourcing.EventSourcingRepository", "Axon aggregate load");
        AREAS.put("org.axonframework.serialization", "Axon serialization");
        AREAS.put("com.fasterxml.jackson", "Jackson");
        AREAS.put("org.hibernate", "Hibernate");
        AREAS.put("com.zaxxer.hikari", "connection pool (Hikari)");
        AREAS.put("org.postgresql", "PostgreSQL driver (incl. waiting for the server)");
        AREAS.put("org.springframework.transaction", "Spring transactions");
        AREAS.put("org.springframework.orm.jpa", "Spring JPA transactions");
        AREAS.put("org.springframework.jdbc", "Spring JDBC");
        AREAS.put("org.axonframework.messaging.unitofwork", "Axon unit of work");
        AREAS.put("org.axonframework.commandhandling", "Axon command bus");
        AREAS.put("org.axonframework.eventhandling", "Axon event handling (subscribing projection)");
    }

    private CommandProfile() {
    }

    record Profiled<T>(T result, String profile) {
    }

    /** Runs {@code work} while recording, and describes the samples of threads whose names start with the prefix. */
    static <T> Profiled<T> of(String threadPrefix, int top, Callable<T> work) throws Exception {
        Path file = Files.createTempFile("commands", ".jfr");
        T result;
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
            recording.enable("jdk.NativeMethodSample").withPeriod(Duration.ofMillis(10));
            recording.start();
            result = work.call();
            recording.stop();
            recording.dump(file);
        }
        try {
            return new Profiled<>(result, describe(file, threadPrefix, top));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String describe(Path file, String threadPrefix, int top) throws Exception {
        Map<String, Long> inStack = new HashMap<>();
        Map<String, Long> selfSamples = new HashMap<>();
        long total = 0;
        long running = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null || !thread.getJavaName().startsWith(threadPrefix)
                    || event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            total++;
            if (type.equals("jdk.ExecutionSample")) {
                running++;
            }
            String self = (type.equals("jdk.NativeMethodSample") ? "[native] " : "") + name(frames.get(0));
            selfSamples.merge(self, 1L, Long::sum);
            inStack.merge(frames.stream().map(CommandProfile::area).filter(a -> a != null).findFirst()
                    .orElse("other (JDK, Spring, CGLIB)"), 1L, Long::sum);
        }
        StringBuilder out = new StringBuilder(String.format("%d samples of the command threads (%d running Java, "
                + "%d in native calls such as socket reads)%n%nshare of samples by the innermost part of the work "
                + "on the stack:%n", total, running, total - running));
        long all = Math.max(1, total);
        inStack.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("- %s: %.0f%%%n", e.getKey(), 100.0 * e.getValue() / all)));
        out.append(String.format("%nhottest methods (top of stack):%n"));
        selfSamples.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> out.append(String.format("- %s: %.1f%%%n", e.getKey(), 100.0 * e.getValue() / all)));
        return out.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String area(RecordedFrame frame) {
        String name = name(frame);
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (name.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return null;
    }
}
