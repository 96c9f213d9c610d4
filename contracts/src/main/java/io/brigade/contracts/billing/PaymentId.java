package io.brigade.contracts.billing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies one payment on a bill; a client may choose it, so that a retried payment is taken once. */
public record PaymentId(UUID value) {

    public PaymentId {
        Objects.requireNonNull(value, "PaymentId value");
    }

    public static PaymentId random() {
        return new PaymentId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static PaymentId of(String value) {
        return new PaymentId(UUID.fromString(value));
    }

    public static PaymentId of(UUID value) {
        return new PaymentId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
