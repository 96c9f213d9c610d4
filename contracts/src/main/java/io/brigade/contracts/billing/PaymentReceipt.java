package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;

/** What a payment left owing: on its check when it paid a check, otherwise on the bill. */
public record PaymentReceipt(PaymentId paymentId, Money balance) {
}
