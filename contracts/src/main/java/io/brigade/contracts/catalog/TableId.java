package io.brigade.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a table on the floor. */
public record TableId(UUID value) {

    public TableId {
        Objects.requireNonNull(value, "TableId value");
    }

    public static TableId random() {
        return new TableId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TableId of(String value) {
        return new TableId(UUID.fromString(value));
    }

    public static TableId of(UUID value) {
        return new TableId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
