package io.brigade.billing.domain;

import io.brigade.contracts.billing.DiscountKind;
import io.brigade.contracts.billing.GrantDiscount;
import io.brigade.contracts.common.Money;
import io.brigade.platform.problem.InvalidInputException;

import java.math.BigDecimal;

/** A discount or comp a manager grants: a percentage of what is left to discount, or an amount in minor units. */
public record Discount(DiscountKind kind, BigDecimal value, String reason) {

    public static Discount of(GrantDiscount command) {
        if (command.kind() == null) {
            throw new InvalidInputException("kind", "give PERCENT or AMOUNT");
        }
        if (command.value() == null || command.value().signum() <= 0) {
            throw new InvalidInputException("value", "must be more than zero");
        }
        if (command.kind() == DiscountKind.PERCENT && Percent.of(command.value()).isMoreThanAWhole()) {
            throw new InvalidInputException("value", "a percentage is at most 100");
        }
        if (command.kind() == DiscountKind.AMOUNT && command.value().stripTrailingZeros().scale() > 0) {
            throw new InvalidInputException("value", "an amount is a whole number of cents");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new InvalidInputException("reason", "say why the discount is given");
        }
        return new Discount(command.kind(), command.value(), command.reason().trim());
    }

    /** What this discount takes off {@code remaining}; never more than that, so a bill never goes below zero. */
    public Money takenFrom(Money remaining) {
        Money wanted = kind == DiscountKind.PERCENT ? Percent.of(value).of(remaining)
                : Money.ofCents(value.min(BigDecimal.valueOf(remaining.cents())).longValueExact());
        return wanted.compareTo(remaining) > 0 ? remaining : wanted;
    }
}
