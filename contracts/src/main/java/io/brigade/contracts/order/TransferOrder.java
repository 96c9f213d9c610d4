package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves the order to another table. */
public record TransferOrder(@TargetAggregateIdentifier OrderId orderId, TableId tableId) {
}
