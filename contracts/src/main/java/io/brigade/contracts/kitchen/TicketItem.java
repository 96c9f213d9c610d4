package io.brigade.contracts.kitchen;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.order.LineId;

import java.util.List;

/** One order line on a ticket, with everything the cook needs: for whom (seat), when (course), how, and what to avoid. */
public record TicketItem(LineId lineId, MenuItemId menuItemId, String name, int quantity, List<String> modifiers,
                         Integer seat, Integer course, String notes, List<String> allergens) {
}
