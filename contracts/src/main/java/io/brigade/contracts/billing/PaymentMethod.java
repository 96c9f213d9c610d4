package io.brigade.contracts.billing;

/** How a guest paid. Only cash may be handed over in excess: the difference is given back as change. */
public enum PaymentMethod {
    CASH, CARD, OTHER
}
