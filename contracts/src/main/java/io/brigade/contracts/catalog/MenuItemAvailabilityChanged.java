package io.brigade.contracts.catalog;

/** The kitchen ran out of an item ("86") or has it again. */
public record MenuItemAvailabilityChanged(MenuItemId menuItemId, boolean available, String reason) {
}
