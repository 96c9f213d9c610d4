package io.brigade.contracts.order;

import io.brigade.contracts.kitchen.TicketId;

import java.time.Instant;

/** A ticket of this order was not started in time; {@code sentAt} is when its lines went to the kitchen. */
public record KitchenDelayed(OrderId orderId, TicketId ticketId, String station, Instant sentAt) {
}
