package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;

/** The order's bill was voided; the order has no bill until a new one is issued. */
public record BillDetached(OrderId orderId, BillId billId) {
}
