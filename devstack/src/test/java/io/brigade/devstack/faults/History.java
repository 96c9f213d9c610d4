package io.brigade.devstack.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Every request the clients of a fault run made, with its answer or the error they saw instead, and the fault it was
 * made under: the history the checks read afterwards.
 */
final class History {

    /**
     * One request: who made it, which command with which ids, what was sent, and the status (or {@code -1} and the
     * exception when no answer came).
     */
    record Entry(long seq, String client, String command, Map<String, String> ids, String method, String path,
                 String body, int status, String exception, String answer, long startedMillis, long endedMillis,
                 String phase, boolean retry) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /** No answer, or a server error: the command may have been applied, or not. */
        boolean uncertain() {
            return status < 0 || status >= 500;
        }

        boolean isCommand() {
            return !command.startsWith("read");
        }

        String id(String name) {
            return ids.get(name);
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile String phase = "warm-up";

    void phase(String phase) {
        this.phase = phase;
    }

    String phase() {
        return phase;
    }

    Entry add(String client, String command, Map<String, String> ids, String method, String path, String body,
              int status, String exception, String answer, long startedMillis, boolean retry) {
        Entry entry = new Entry(sequence.incrementAndGet(), client, command, Map.copyOf(ids), method, path, body,
                status, exception, answer, startedMillis, System.currentTimeMillis(), phase, retry);
        synchronized (entries) {
            entries.add(entry);
        }
        return entry;
    }

    List<Entry> entries(Predicate<Entry> which) {
        synchronized (entries) {
            return entries.stream().filter(which).toList();
        }
    }

    List<Entry> all() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }
}
