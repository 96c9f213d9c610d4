package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;

/** A payment of a paid bill was refunded, so {@code balance} is owed again. */
public record BillReopened(BillId billId, OrderId orderId, Money balance) {
}
