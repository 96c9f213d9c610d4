package io.brigade.contracts.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ticket is done: every item not voided is ready and the ticket leaves the station's screen. */
public record BumpTicket(@TargetAggregateIdentifier TicketId ticketId) {
}
