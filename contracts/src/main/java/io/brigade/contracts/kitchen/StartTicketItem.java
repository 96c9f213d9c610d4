package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A cook starts on one item of a ticket. */
public record StartTicketItem(@TargetAggregateIdentifier TicketId ticketId, LineId lineId) {
}
