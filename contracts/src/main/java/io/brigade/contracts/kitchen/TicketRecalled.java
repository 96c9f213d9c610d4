package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;

import java.util.List;

/** A bumped ticket is back on the station; {@code reopenedLines} are being worked on again. */
public record TicketRecalled(TicketId ticketId, OrderId orderId, List<LineId> reopenedLines) {
}
