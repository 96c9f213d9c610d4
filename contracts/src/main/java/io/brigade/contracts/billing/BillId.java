package io.brigade.contracts.billing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.brigade.contracts.order.OrderId;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a bill issued by billing for an order. Derived from the order and the number of its bill request, so the
 * same request seen twice names the same bill.
 */
public record BillId(UUID value) {

    public BillId {
        Objects.requireNonNull(value, "BillId value");
    }

    public static BillId forRequest(OrderId orderId, int requestNumber) {
        String name = "brigade-bill:" + orderId + ":" + requestNumber;
        return new BillId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
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
