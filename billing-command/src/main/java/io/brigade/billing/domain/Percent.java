package io.brigade.billing.domain;

import io.brigade.contracts.common.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A percentage such as {@code 10} or {@code 7.5}. Taken of an amount of money it rounds exactly once, half-even
 * (banker's rounding), to whole minor units: half a cent goes to the even neighbour, so rounding is not biased upwards.
 */
public record Percent(BigDecimal value) {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    public static final Percent ZERO = new Percent(BigDecimal.ZERO);

    public Percent {
        Objects.requireNonNull(value, "Percent value");
        if (value.signum() < 0) {
            throw new IllegalArgumentException("A percentage is never negative: " + value);
        }
    }

    public static Percent of(BigDecimal value) {
        return new Percent(value);
    }

    public static Percent of(long value) {
        return new Percent(BigDecimal.valueOf(value));
    }

    public Money of(Money amount) {
        return Money.ofCents(BigDecimal.valueOf(amount.cents()).multiply(value)
                .divide(HUNDRED, 0, RoundingMode.HALF_EVEN).longValueExact());
    }

    public boolean isMoreThanAWhole() {
        return value.compareTo(HUNDRED) > 0;
    }
}
