package io.brigade.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Voids a line already sent to the kitchen (manager, with a reason). */
public record VoidOrderLine(@TargetAggregateIdentifier OrderId orderId, LineId lineId, String reason) {
}
