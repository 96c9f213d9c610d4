package io.brigade.contracts.billing;

import io.brigade.contracts.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes a payment towards the bill, or towards one check of a split bill. Sent again with the same id and the same
 * details it changes nothing. Answers a {@link PaymentReceipt}.
 */
public record RecordPayment(@TargetAggregateIdentifier BillId billId, PaymentId paymentId, CheckId checkId,
                            PaymentMethod method, Money amount, Money tip) {
}
