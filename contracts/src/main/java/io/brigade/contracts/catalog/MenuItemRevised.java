package io.brigade.contracts.catalog;

import io.brigade.contracts.common.Money;

import java.util.List;
import java.util.UUID;

/** An item's name, price, station, allergens or modifiers changed. Orders already taken keep their prices. */
public record MenuItemRevised(MenuItemId menuItemId, UUID categoryId, String name, String description, Money price,
                              String station, List<String> allergens, List<MenuModifier> modifiers) {
}
