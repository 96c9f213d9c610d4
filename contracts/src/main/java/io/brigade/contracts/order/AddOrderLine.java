package io.brigade.contracts.order;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.ModifierId;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a line; its price is fixed from the menu at this moment. Seat, course and notes are optional. */
public record AddOrderLine(@TargetAggregateIdentifier OrderId orderId, LineId lineId, MenuItemId menuItemId, int quantity, List<ModifierId> modifierIds,
                           Integer seat, Integer course, String notes) {
}
