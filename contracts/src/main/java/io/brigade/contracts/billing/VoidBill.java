package io.brigade.contracts.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Voids a bill nobody has paid anything on (a manager's decision, or its order was cancelled). */
public record VoidBill(@TargetAggregateIdentifier BillId billId, String reason) {
}
