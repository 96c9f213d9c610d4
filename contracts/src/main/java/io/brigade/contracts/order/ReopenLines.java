package io.brigade.contracts.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kitchen recalled a ticket: these lines are being cooked again. Sent by the fulfillment saga. */
public record ReopenLines(@TargetAggregateIdentifier OrderId orderId, List<LineId> lineIds) {
}
