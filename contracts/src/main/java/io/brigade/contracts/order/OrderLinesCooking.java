package io.brigade.contracts.order;

import java.util.List;

/** The kitchen started on these lines. */
public record OrderLinesCooking(OrderId orderId, List<LineId> lineIds) {
}
