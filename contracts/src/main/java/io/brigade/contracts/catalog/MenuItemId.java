package io.brigade.contracts.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies an item on the menu. */
public record MenuItemId(UUID value) {

    public MenuItemId {
        Objects.requireNonNull(value, "MenuItemId value");
    }

    public static MenuItemId random() {
        return new MenuItemId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MenuItemId of(String value) {
        return new MenuItemId(UUID.fromString(value));
    }

    public static MenuItemId of(UUID value) {
        return new MenuItemId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
