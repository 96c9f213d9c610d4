package io.brigade.contracts.order;

import io.brigade.contracts.billing.BillId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order's bill is paid: the order is closed and its table free. Sent by the fulfillment saga. */
public record CloseOrder(@TargetAggregateIdentifier OrderId orderId, BillId billId) {
}
