package io.brigade.contracts.order;

/** An unsent line was taken back. */
public record OrderLineRemoved(OrderId orderId, LineId lineId) {
}
