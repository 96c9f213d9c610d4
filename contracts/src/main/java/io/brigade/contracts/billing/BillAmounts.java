package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;

/**
 * What a bill comes to. Prices are tax-inclusive: {@code total = subtotal - discount + serviceCharge}, and
 * {@code tax} is the part of {@code total} that is tax (shown, never added).
 */
public record BillAmounts(Money subtotal, Money discount, Money serviceCharge, Money tax, Money total) {
}
