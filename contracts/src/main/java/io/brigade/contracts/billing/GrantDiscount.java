package io.brigade.contracts.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** Takes a percentage or an amount (minor units) off the bill, with a reason. */
public record GrantDiscount(@TargetAggregateIdentifier BillId billId, DiscountKind kind, BigDecimal value,
                            String reason) {
}
