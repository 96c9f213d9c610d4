package io.brigade.contracts.billing;

import io.brigade.contracts.order.OrderId;

/** The bill is fully paid: nothing is left on it or on any of its checks. */
public record BillPaid(BillId billId, OrderId orderId) {
}
