package io.brigade.contracts.order;

import java.util.List;

/**
 * The kitchen recalled a ticket: these lines are cooking again, and an order that was ready or served is back in the
 * kitchen.
 */
public record OrderLinesReopened(OrderId orderId, List<LineId> lineIds) {
}
