package io.brigade.contracts.billing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Identifies one check of a split bill: derived from the bill, the number of the split and the check's position. */
public record CheckId(UUID value) {

    public CheckId {
        Objects.requireNonNull(value, "CheckId value");
    }

    public static CheckId forSplit(BillId billId, int splitNumber, int position) {
        String name = "brigade-check:" + billId + ":" + splitNumber + ":" + position;
        return new CheckId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static CheckId of(String value) {
        return new CheckId(UUID.fromString(value));
    }

    public static CheckId of(UUID value) {
        return new CheckId(value);
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
