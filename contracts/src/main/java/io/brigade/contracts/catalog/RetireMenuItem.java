package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetireMenuItem(@TargetAggregateIdentifier MenuItemId menuItemId) {
}
