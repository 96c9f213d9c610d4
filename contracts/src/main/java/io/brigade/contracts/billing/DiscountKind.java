package io.brigade.contracts.billing;

/** A discount takes a percentage of what is left to discount, or a fixed amount in minor units. */
public enum DiscountKind {
    PERCENT, AMOUNT
}
