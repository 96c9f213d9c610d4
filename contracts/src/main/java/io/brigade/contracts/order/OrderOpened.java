package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;

/** An order was opened for a table. */
public record OrderOpened(OrderId orderId, TableId tableId, int tableNumber, int guests) {
}
