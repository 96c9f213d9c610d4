package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;

/** The order moved to another table. */
public record OrderTransferred(OrderId orderId, TableId fromTableId, TableId toTableId, int toTableNumber) {
}
