package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;

/** The order was cancelled; kitchen and billing void what they hold for it. */
public record OrderCancelled(OrderId orderId, TableId tableId, String reason) {
}
