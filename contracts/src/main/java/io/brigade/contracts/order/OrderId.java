package io.brigade.contracts.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies an order for one table visit. */
public record OrderId(UUID value) {

    public OrderId {
        Objects.requireNonNull(value, "OrderId value");
    }

    public static OrderId random() {
        return new OrderId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OrderId of(String value) {
        return new OrderId(UUID.fromString(value));
    }

    public static OrderId of(UUID value) {
        return new OrderId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
