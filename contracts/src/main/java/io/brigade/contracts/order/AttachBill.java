package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Billing issued a bill for the order. Sent by the fulfillment saga. */
public record AttachBill(@TargetAggregateIdentifier OrderId orderId, BillId billId) {
}
