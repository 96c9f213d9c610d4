package io.brigade.contracts.catalog;

import io.brigade.contracts.common.Money;

/** An option a guest may add to a menu item, with its surcharge. */
public record MenuModifier(ModifierId id, String name, Money price) {
}
