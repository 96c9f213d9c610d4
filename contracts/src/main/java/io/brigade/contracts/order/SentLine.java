package io.brigade.contracts.order;

import io.brigade.contracts.catalog.MenuItemId;

import java.util.List;

/** A line as the kitchen sees it: what to cook, for which seat and course, at which station. */
public record SentLine(LineId lineId, MenuItemId menuItemId, String name, String station, int quantity,
                       List<String> modifiers, Integer seat, Integer course, String notes, List<String> allergens) {
}
