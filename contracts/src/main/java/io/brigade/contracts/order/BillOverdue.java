package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;

import java.time.Instant;

/** The bill of this order, issued at {@code issuedAt}, has been open longer than the restaurant allows. */
public record BillOverdue(OrderId orderId, BillId billId, Instant issuedAt) {
}
