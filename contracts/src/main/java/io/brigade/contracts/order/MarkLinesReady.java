package io.brigade.contracts.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The kitchen finished these sent lines. Sent by the order's fulfillment saga, never by a client. */
public record MarkLinesReady(@TargetAggregateIdentifier OrderId orderId, List<LineId> lineIds) {
}
