package io.brigade.contracts.order;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;

import java.util.List;

/** A line was added, priced from the menu at this moment (unit price includes modifiers). */
public record OrderLineAdded(OrderId orderId, LineId lineId, MenuItemId menuItemId, String name, String station, int quantity,
                             List<ChosenModifier> modifiers, Money unitPrice, Integer seat, Integer course,
                             String notes, List<String> allergens) {
}
