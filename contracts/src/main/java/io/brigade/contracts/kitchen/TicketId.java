package io.brigade.contracts.kitchen;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.brigade.contracts.order.OrderId;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a kitchen ticket: the lines of one send of one order for one station. The id is derived from those three,
 * so the same send seen twice names the same ticket, and the order service can name a ticket before it exists.
 */
public record TicketId(UUID value) {

    public TicketId {
        Objects.requireNonNull(value, "TicketId value");
    }

    public static TicketId forSend(OrderId orderId, int sendNumber, String station) {
        String name = "brigade-ticket:" + orderId + ":" + sendNumber + ":" + normalStation(station);
        return new TicketId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Stations are free words; {@code Grill } and {@code grill} are the same station. */
    public static String normalStation(String station) {
        return station == null || station.isBlank() ? "kitchen" : station.trim().toLowerCase(Locale.ROOT);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TicketId of(String value) {
        return new TicketId(UUID.fromString(value));
    }

    public static TicketId of(UUID value) {
        return new TicketId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
