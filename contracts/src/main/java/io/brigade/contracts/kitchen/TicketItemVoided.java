package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;

/** An item was struck from its ticket because the order voided the line. */
public record TicketItemVoided(TicketId ticketId, OrderId orderId, LineId lineId, String reason) {
}
