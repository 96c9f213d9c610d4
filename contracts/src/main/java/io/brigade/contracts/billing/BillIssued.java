package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;

/** Billing issued a bill for an order's lines; {@code total} is what the guests owe, tax and charges included. */
public record BillIssued(BillId billId, OrderId orderId, Money total) {
}
