package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A waiter opens an order for a table. */
public record OpenOrder(@TargetAggregateIdentifier OrderId orderId, TableId tableId, int guests) {
}
