package io.brigade.contracts.billing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a bill issued by billing for an order. */
public record BillId(UUID value) {

    public BillId {
        Objects.requireNonNull(value, "BillId value");
    }

    public static BillId random() {
        return new BillId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BillId of(String value) {
        return new BillId(UUID.fromString(value));
    }

    public static BillId of(UUID value) {
        return new BillId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
