package io.brigade.contracts.billing;

import io.brigade.contracts.order.OrderId;

/** The bill was voided (by a manager, or because its order was cancelled). */
public record BillVoided(BillId billId, OrderId orderId, String reason) {
}
