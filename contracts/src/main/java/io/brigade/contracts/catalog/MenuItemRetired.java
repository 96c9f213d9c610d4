package io.brigade.contracts.catalog;

/** The item is no longer sold. Orders that already have it keep it. */
public record MenuItemRetired(MenuItemId menuItemId) {
}
