package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;

/** A manager gave a payment back, tip included; its {@code amount} is owed again: {@code balance} afterwards. */
public record PaymentRefunded(BillId billId, OrderId orderId, PaymentId paymentId, CheckId checkId, Money amount,
                              Money tip, String reason, Money balance) {
}
