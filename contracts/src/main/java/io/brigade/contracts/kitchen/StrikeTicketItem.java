package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The order voided a sent line: the kitchen stops making it. */
public record StrikeTicketItem(@TargetAggregateIdentifier TicketId ticketId, LineId lineId, String reason) {
}
