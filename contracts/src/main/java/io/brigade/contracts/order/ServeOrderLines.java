package io.brigade.contracts.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks ready lines as served: the given ones, or every ready line when none are given. */
public record ServeOrderLines(@TargetAggregateIdentifier OrderId orderId, List<LineId> lineIds) {
}
