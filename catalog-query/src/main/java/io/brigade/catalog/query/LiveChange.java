package io.brigade.catalog.query;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A live view that changed: which view ({@code order}, {@code ticket}, {@code bill}), the message type its watchers
 * get, the id of what changed, and for an order the tables whose floor rows changed with it. It travels between the
 * service's instances as a short text, so each pushes the view as stored to its own clients.
 */
public record LiveChange(String view, String type, UUID id, List<UUID> tables) {

    public static final String ORDER = "order";
    public static final String TICKET = "ticket";
    public static final String BILL = "bill";

    public LiveChange {
        tables = List.copyOf(tables);
    }

    String text() {
        StringBuilder text = new StringBuilder(view).append(' ').append(type).append(' ').append(id);
        tables.forEach(table -> text.append(' ').append(table));
        return text.toString();
    }

    public static LiveChange parse(String text) {
        String[] parts = text.split(" ");
        if (parts.length < 3) {
            throw new IllegalArgumentException("Not a live change: " + text);
        }
        return new LiveChange(parts[0], parts[1], UUID.fromString(parts[2]),
                Arrays.stream(parts, 3, parts.length).map(UUID::fromString).toList());
    }
}
