package io.brigade.contracts.order;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;

/** A line as billing sees it: {@code total} is {@code unitPrice} times {@code quantity}. */
public record BilledLine(LineId lineId, MenuItemId menuItemId, String name, int quantity, Money unitPrice, Money total,
                         Integer seat) {
}
