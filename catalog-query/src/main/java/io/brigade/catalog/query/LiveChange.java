package io.brigade.catalog.query;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A live view that changed: which view ({@code order}, {@code ticket}, {@code bill}), the message type its watchers
 * get, the id of what changed, for an order the tables whose floor rows changed with it, and the trace of the event
 * that changed it ({@code traceparent}, or null). It travels between the service's instances as a short text, so
 * each pushes the view as stored to its own clients.
 */
public record LiveChange(String view, String type, UUID id, List<UUID> tables, String traceparent) {

    public static final String ORDER = "order";
    public static final String TICKET = "ticket";
    public static final String BILL = "bill";
    private static final String NONE = "-";

    public LiveChange {
        tables = List.copyOf(tables);
    }

    LiveChange withTrace(String traceparent) {
        return new LiveChange(view, type, id, tables, traceparent);
    }

    String text() {
        return String.join(" ", view, type, id.toString(),
                tables.isEmpty() ? NONE : String.join(",", tables.stream().map(UUID::toString).toList()),
                traceparent == null || traceparent.isBlank() ? NONE : traceparent);
    }

    public static LiveChange parse(String text) {
        String[] parts = text.split(" ");
        if (parts.length != 5) {
            throw new IllegalArgumentException("Not a live change: " + text);
        }
        List<UUID> tables = parts[3].equals(NONE) ? List.of()
                : Arrays.stream(parts[3].split(",")).map(UUID::fromString).toList();
        return new LiveChange(parts[0], parts[1], UUID.fromString(parts[2]), tables,
                parts[4].equals(NONE) ? null : parts[4]);
    }
}
