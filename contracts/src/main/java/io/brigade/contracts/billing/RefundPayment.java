package io.brigade.contracts.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a payment back, with a reason; refunding it again changes nothing. */
public record RefundPayment(@TargetAggregateIdentifier BillId billId, PaymentId paymentId, String reason) {
}
