package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddTable(@TargetAggregateIdentifier TableId tableId, int number, int seats, String zone) {
}
