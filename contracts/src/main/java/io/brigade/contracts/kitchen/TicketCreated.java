package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.OrderId;

import java.util.List;

/** A station got a ticket for lines of one send of an order. */
public record TicketCreated(TicketId ticketId, OrderId orderId, int sendNumber, int tableNumber, String station,
                            List<TicketItem> items) {
}
