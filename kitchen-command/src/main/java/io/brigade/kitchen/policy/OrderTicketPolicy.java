package io.brigade.kitchen.policy;

import io.brigade.contracts.kitchen.CreateTicket;
import io.brigade.contracts.kitchen.StrikeTicketItem;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.kitchen.VoidTicket;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.SentLine;
import io.brigade.kitchen.query.OrderTickets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the kitchen does when the order service's events arrive: a ticket per station for every send, a struck item
 * for every voided line, and open tickets dropped when their order is cancelled. Every command it sends is idempotent,
 * so a redelivered or replayed event changes nothing twice.
 */
@Component
@ProcessingGroup(OrderTicketPolicy.GROUP)
public class OrderTicketPolicy {

    public static final String GROUP = "kitchen-orders";

    private final CommandGateway commands;
    private final OrderTickets tickets;

    public OrderTicketPolicy(CommandGateway commands, OrderTickets tickets) {
        this.commands = commands;
        this.tickets = tickets;
    }

    @EventHandler
    void on(OrderLinesSent event) {
        Map<String, List<SentLine>> byStation = event.lines().stream().collect(Collectors.groupingBy(
                line -> TicketId.normalStation(line.station()), LinkedHashMap::new, Collectors.toList()));
        byStation.forEach((station, lines) -> commands.sendAndWait(new CreateTicket(
                TicketId.forSend(event.orderId(), event.sendNumber(), station), event.orderId(), event.sendNumber(),
                event.tableNumber(), station, lines.stream().map(OrderTicketPolicy::toItem).toList())));
    }

    @EventHandler
    void on(OrderLineVoided event) {
        commands.sendAndWait(new StrikeTicketItem(
                TicketId.forSend(event.orderId(), event.sendNumber(), event.station()), event.lineId(),
                event.reason()));
    }

    @EventHandler
    void on(OrderCancelled event) {
        tickets.openTicketsOf(event.orderId())
                .forEach(ticket -> commands.sendAndWait(new VoidTicket(ticket, "Order cancelled: " + event.reason())));
    }

    private static TicketItem toItem(SentLine line) {
        return new TicketItem(line.lineId(), line.menuItemId(), line.name(), line.quantity(),
                line.modifiers() == null ? List.of() : line.modifiers(), line.seat(), line.course(), line.notes(),
                line.allergens() == null ? List.of() : line.allergens());
    }
}
