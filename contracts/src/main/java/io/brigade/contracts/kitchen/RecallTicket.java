package io.brigade.contracts.kitchen;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A bumped ticket comes back to the station; its items are being worked on again. */
public record RecallTicket(@TargetAggregateIdentifier TicketId ticketId) {
}
