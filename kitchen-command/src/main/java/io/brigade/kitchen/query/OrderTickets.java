package io.brigade.kitchen.query;

import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.OrderId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;

/**
 * Which tickets of an order are still open, so that cancelling the order voids exactly those. Kept in the transaction
 * of the command that changed the ticket (a subscribing processor), so a cancellation arriving right after a send
 * finds its tickets. Each row keeps the ticket's last applied event sequence: an event applied twice changes nothing.
 * The board the cooks see is catalog-query's.
 */
@Component
@ProcessingGroup(OrderTickets.GROUP)
public class OrderTickets {

    public static final String GROUP = "order-tickets";

    private final JdbcTemplate jdbc;

    public OrderTickets(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(TicketCreated event, @SequenceNumber long sequence) {
        jdbc.update("insert into order_ticket (ticket_id, order_id, open, version) values (?, ?, true, ?) "
                + "on conflict (ticket_id) do nothing", event.ticketId().value(), event.orderId().value(), sequence);
    }

    @EventHandler
    void on(TicketBumped event, @SequenceNumber long sequence) {
        setOpen(event.ticketId(), false, sequence);
    }

    @EventHandler
    void on(TicketRecalled event, @SequenceNumber long sequence) {
        setOpen(event.ticketId(), true, sequence);
    }

    @EventHandler
    void on(TicketVoided event, @SequenceNumber long sequence) {
        setOpen(event.ticketId(), false, sequence);
    }

    public List<TicketId> openTicketsOf(OrderId order) {
        return jdbc.queryForList("select ticket_id from order_ticket where order_id = ? and open order by ticket_id",
                UUID.class, order.value()).stream().map(TicketId::of).toList();
    }

    private void setOpen(TicketId ticket, boolean open, long sequence) {
        jdbc.update("update order_ticket set open = ?, version = ? where ticket_id = ? and version < ?",
                open, sequence, ticket.value(), sequence);
    }
}
