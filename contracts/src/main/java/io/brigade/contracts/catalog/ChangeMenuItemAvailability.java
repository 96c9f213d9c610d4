package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** "86" an item ({@code available} false) or bring it back. */
public record ChangeMenuItemAvailability(@TargetAggregateIdentifier MenuItemId menuItemId, boolean available,
                                         String reason) {
}
