package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Opens the ticket for one station's lines of one send; creating a ticket that exists changes nothing. */
public record CreateTicket(@TargetAggregateIdentifier TicketId ticketId, OrderId orderId, int sendNumber,
                           int tableNumber, String station, List<TicketItem> items) {
}
