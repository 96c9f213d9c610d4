package io.brigade.contracts.order;

/** A sent line was voided; the kitchen strikes it from the ticket of that send and station. */
public record OrderLineVoided(OrderId orderId, LineId lineId, String station, int sendNumber, String reason) {
}
