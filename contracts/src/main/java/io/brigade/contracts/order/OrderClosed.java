package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.TableId;

/** The bill is paid: the order is over and its table is free. */
public record OrderClosed(OrderId orderId, TableId tableId, BillId billId) {
}
