package io.brigade.contracts.catalog;

import io.brigade.contracts.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

public record AddMenuItem(@TargetAggregateIdentifier MenuItemId menuItemId, UUID categoryId, String name,
                          String description, Money price, String station, List<String> allergens,
                          List<MenuModifier> modifiers) {
}
