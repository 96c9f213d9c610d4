package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.OrderId;

import java.util.List;

/**
 * Billing issued a bill for an order's lines; {@code total} is what the guests owe, tax and charges included (the same
 * as {@code amounts.total}). {@code requestNumber} is the bill request of the order it answers.
 */
public record BillIssued(BillId billId, OrderId orderId, Money total, int requestNumber, int tableNumber,
                         List<BilledLine> lines, BillRates rates, BillAmounts amounts) {
}
