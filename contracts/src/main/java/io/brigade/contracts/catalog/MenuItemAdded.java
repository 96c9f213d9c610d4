package io.brigade.contracts.catalog;

import io.brigade.contracts.common.Money;

import java.util.List;
import java.util.UUID;

/** A new item went on the menu. {@code station} names the kitchen station that prepares it. */
public record MenuItemAdded(MenuItemId menuItemId, UUID categoryId, String name, String description, Money price,
                            String station, List<String> allergens, List<MenuModifier> modifiers) {
}
