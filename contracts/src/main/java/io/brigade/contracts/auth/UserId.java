package io.brigade.contracts.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** Identifies a person who signs in to Brigade; it is the {@code sub} of their access tokens. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "UserId value");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static UserId of(String value) {
        return new UserId(UUID.fromString(value));
    }

    public static UserId of(UUID value) {
        return new UserId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
