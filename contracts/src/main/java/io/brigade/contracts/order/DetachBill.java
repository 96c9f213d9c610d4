package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Billing voided the order's bill. Sent by the fulfillment saga. */
public record DetachBill(@TargetAggregateIdentifier OrderId orderId, BillId billId) {
}
