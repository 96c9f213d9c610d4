package io.brigade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU of the JVM's own threads that Java does not list (the JIT compilers, the garbage collector's), read from
 * Linux's accounting of this process's threads, {@code /proc/self/task/<id>/stat}, in clock ticks of 10 ms.
 */
final class JvmThreads {

    static final String JIT = "the JVM: JIT compiler";
    static final String GC = "the JVM: garbage collector";
    private static final long NANOS_A_TICK = 10_000_000L;
    /** What a JVM thread does, by the first name it starts with (Linux keeps the first 15 characters). */
    private static final List<Map.Entry<String, String>> KINDS = List.of(
            Map.entry("C1 CompilerThre", JIT),
            Map.entry("C2 CompilerThre", JIT),
            Map.entry("GC Thread", GC),
            Map.entry("G1 ", GC));

    private JvmThreads() {
    }

    /** Nanoseconds of CPU used so far by the JIT compilers and by the garbage collector, of the living threads. */
    static Map<String, Long> cpu() {
        Map<String, Long> byKind = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    KINDS.stream().filter(kind -> name.startsWith(kind.getKey())).findFirst().ifPresent(kind -> {
                        // after the name: state (field 3) ... utime (14), stime (15)
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                        byKind.merge(kind.getValue(), ticks * NANOS_A_TICK, Long::sum);
                    });
                } catch (IOException | RuntimeException e) {
                    // the thread ended while being read
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("This machine does not account its threads' CPU in /proc", e);
        }
        return byKind;
    }
}
