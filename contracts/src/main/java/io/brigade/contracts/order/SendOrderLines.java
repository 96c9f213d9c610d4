package io.brigade.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sends every unsent line, or only those of one course when {@code course} is given. */
public record SendOrderLines(@TargetAggregateIdentifier OrderId orderId, Integer course) {
}
