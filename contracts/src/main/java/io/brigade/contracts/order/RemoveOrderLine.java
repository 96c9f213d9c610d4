package io.brigade.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes back a line that was not sent to the kitchen yet. */
public record RemoveOrderLine(@TargetAggregateIdentifier OrderId orderId, LineId lineId) {
}
