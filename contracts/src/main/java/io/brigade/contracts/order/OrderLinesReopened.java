package io.brigade.contracts.order;

import java.util.List;

/** The kitchen recalled a ticket: these lines are cooking again, and an order that was ready is not any more. */
public record OrderLinesReopened(OrderId orderId, List<LineId> lineIds) {
}
