package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;

/** The bill billing issued for this order. */
public record BillAttached(OrderId orderId, BillId billId) {
}
