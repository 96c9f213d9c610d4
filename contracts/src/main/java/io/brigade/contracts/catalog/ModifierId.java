package io.brigade.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a modifier of a menu item, such as extra cheese. */
public record ModifierId(UUID value) {

    public ModifierId {
        Objects.requireNonNull(value, "ModifierId value");
    }

    public static ModifierId random() {
        return new ModifierId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ModifierId of(String value) {
        return new ModifierId(UUID.fromString(value));
    }

    public static ModifierId of(UUID value) {
        return new ModifierId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
