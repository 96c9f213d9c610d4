package io.brigade.contracts.billing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A later bill request of the same order replaces this bill: voided if nothing was paid on it yet. */
public record SupersedeBill(@TargetAggregateIdentifier BillId billId, int byRequestNumber) {
}
