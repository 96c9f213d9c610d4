package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;

import java.util.List;

/** The ticket is done; {@code readyLines} are its items that were not voided, all ready now. */
public record TicketBumped(TicketId ticketId, OrderId orderId, List<LineId> readyLines) {
}
