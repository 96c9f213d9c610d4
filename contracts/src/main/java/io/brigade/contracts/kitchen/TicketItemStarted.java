package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;

/** A cook started on an item. */
public record TicketItemStarted(TicketId ticketId, OrderId orderId, LineId lineId) {
}
