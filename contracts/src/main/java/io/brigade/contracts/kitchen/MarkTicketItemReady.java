package io.brigade.contracts.kitchen;

import io.brigade.contracts.order.LineId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A cook puts one item of a ticket on the pass. */
public record MarkTicketItemReady(@TargetAggregateIdentifier TicketId ticketId, LineId lineId) {
}
