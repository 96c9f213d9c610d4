package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

public record AddMenuCategory(@TargetAggregateIdentifier UUID categoryId, String name, int position) {
}
