package io.brigade.contracts.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one line of an order. */
public record LineId(UUID value) {

    public LineId {
        Objects.requireNonNull(value, "LineId value");
    }

    public static LineId random() {
        return new LineId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static LineId of(String value) {
        return new LineId(UUID.fromString(value));
    }

    public static LineId of(UUID value) {
        return new LineId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
