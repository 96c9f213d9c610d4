package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.OrderId;

/** An open ticket was dropped: its order was cancelled, or every one of its items was voided. It is done. */
public record TicketVoided(TicketId ticketId, OrderId orderId, String reason) {
}
