package io.brigade.contracts.billing;

import io.brigade.contracts.order.OrderId;

/** The bill is fully paid. */
public record BillPaid(BillId billId, OrderId orderId) {
}
