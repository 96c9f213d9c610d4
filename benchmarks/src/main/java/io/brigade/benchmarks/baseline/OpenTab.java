package io.brigade.benchmarks.baseline;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record OpenTab(@TargetAggregateIdentifier String tabId, String tableId, int guests) {
}
