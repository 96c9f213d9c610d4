package io.brigade.billing.domain;

import io.brigade.contracts.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The tax rate of the restaurant. Menu prices include tax, so the tax of a bill is the part of its gross total that is
 * tax: {@code gross × rate / (100 + rate)}, computed exactly and rounded once, half-even, to whole minor units.
 */
public record Tax(Percent rate) {

    public Money includedIn(Money gross) {
        BigDecimal rateValue = rate.value();
        return Money.ofCents(BigDecimal.valueOf(gross.cents()).multiply(rateValue)
                .divide(Percent.HUNDRED.add(rateValue), 0, RoundingMode.HALF_EVEN).longValueExact());
    }
}
