package io.brigade.contracts.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order was cancelled: an open ticket is dropped; a done one stays as it was. */
public record VoidTicket(@TargetAggregateIdentifier TicketId ticketId, String reason) {
}
