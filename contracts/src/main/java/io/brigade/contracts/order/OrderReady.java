package io.brigade.contracts.order;

/** Every line sent to the kitchen and not voided is ready: the table can be served. */
public record OrderReady(OrderId orderId) {
}
