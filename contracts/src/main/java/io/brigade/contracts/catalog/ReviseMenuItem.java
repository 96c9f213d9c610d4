package io.brigade.contracts.catalog;

import io.brigade.contracts.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;
import java.util.UUID;

/** Replaces what the menu says about an item; modifiers named like an existing one keep its id. */
public record ReviseMenuItem(@TargetAggregateIdentifier MenuItemId menuItemId, UUID categoryId, String name,
                             String description, Money price, String station, List<String> allergens,
                             List<MenuModifier> modifiers) {
}
