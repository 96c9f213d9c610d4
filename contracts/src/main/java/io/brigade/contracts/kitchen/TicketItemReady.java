package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;

/** An item is ready on the pass. */
public record TicketItemReady(TicketId ticketId, OrderId orderId, LineId lineId) {
}
