package io.brigade.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks billing to issue a bill for the order's lines. */
public record RequestBill(@TargetAggregateIdentifier OrderId orderId) {
}
