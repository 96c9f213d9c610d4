package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;

/**
 * A guest paid {@code amount} towards the bill (or one of its checks, when {@code checkId} is set), plus {@code tip}.
 * {@code change} is cash handed back when more than was owed was tendered. {@code checkBalance} (for a check) and
 * {@code balance} (for the bill) are what is left afterwards.
 */
public record PaymentRecorded(BillId billId, OrderId orderId, PaymentId paymentId, CheckId checkId,
                              PaymentMethod method, Money amount, Money tip, Money change, Money checkBalance,
                              Money balance) {
}
