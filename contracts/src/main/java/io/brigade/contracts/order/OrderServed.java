package io.brigade.contracts.order;

/** Every line that went to the kitchen and was not voided is on the table: the order is served. */
public record OrderServed(OrderId orderId) {
}
