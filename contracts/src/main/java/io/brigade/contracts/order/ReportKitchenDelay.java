package io.brigade.contracts.order;

import io.brigade.contracts.kitchen.TicketId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Nobody started the ticket of a send in time. Sent by the fulfillment saga when its deadline passes. */
public record ReportKitchenDelay(@TargetAggregateIdentifier OrderId orderId, TicketId ticketId, String station,
                                 Instant sentAt) {
}
