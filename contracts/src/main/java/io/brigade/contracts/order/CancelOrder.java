package io.brigade.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Cancels the order. Staff may cancel only while nothing was sent; managers at any time. */
public record CancelOrder(@TargetAggregateIdentifier OrderId orderId, String reason) {
}
