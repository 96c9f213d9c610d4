package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The order's bill is still not settled long after it was issued. Sent by the fulfillment saga at its deadline. */
public record ReportBillOverdue(@TargetAggregateIdentifier OrderId orderId, BillId billId, Instant issuedAt) {
}
