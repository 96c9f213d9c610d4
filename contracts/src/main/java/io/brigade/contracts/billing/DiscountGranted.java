package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.OrderId;

import java.math.BigDecimal;

/**
 * A manager took {@code amount} off the bill ({@code value} percent, or {@code value} minor units, of what was left to
 * discount; a comp is 100 percent). {@code amounts} and {@code balance} are the bill's figures afterwards.
 */
public record DiscountGranted(BillId billId, OrderId orderId, DiscountKind kind, BigDecimal value, String reason,
                              Money amount, BillAmounts amounts, Money balance) {
}
