package io.brigade.kitchen.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.kitchen.TicketItemReady;
import io.brigade.contracts.kitchen.TicketItemStarted;
import io.brigade.contracts.kitchen.TicketItemVoided;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.kitchen.domain.ItemStatus;
import io.brigade.kitchen.domain.TicketStatus;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tickets each station has, kept in the transaction of the command that changed them (a subscribing processor):
 * the kitchen's own screen per station, and the open tickets of an order when it is cancelled. Each row carries the
 * ticket's last applied event sequence, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(StationTickets.GROUP)
public class StationTickets {

    public static final String GROUP = "station-tickets";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public StationTickets(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(TicketCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                        insert into kitchen_ticket (ticket_id, order_id, send_number, table_number, station, status,
                                                    created_at, version)
                        values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (ticket_id) do nothing""",
                event.ticketId().value(), event.orderId().value(), event.sendNumber(), event.tableNumber(),
                event.station(), TicketStatus.OPEN.name(), at.atOffset(ZoneOffset.UTC), sequence);
        if (inserted == 0) {
            return;
        }
        int position = 0;
        for (TicketItem item : event.items()) {
            jdbc.update("""
                            insert into kitchen_ticket_item (ticket_id, line_id, position, menu_item_id, name, quantity,
                                                             modifiers, seat, course, notes, allergens, status)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    event.ticketId().value(), item.lineId().value(), position++, item.menuItemId().value(),
                    item.name(), item.quantity(), write(item.modifiers()), item.seat(), item.course(), item.notes(),
                    write(item.allergens()), ItemStatus.QUEUED.name());
        }
    }

    @EventHandler
    void on(TicketItemStarted event, @SequenceNumber long sequence) {
        if (advance(event.ticketId(), sequence)) {
            setItem(event.ticketId(), event.lineId(), ItemStatus.COOKING);
        }
    }

    @EventHandler
    void on(TicketItemReady event, @SequenceNumber long sequence) {
        if (advance(event.ticketId(), sequence)) {
            setItem(event.ticketId(), event.lineId(), ItemStatus.READY);
        }
    }

    @EventHandler
    void on(TicketItemVoided event, @SequenceNumber long sequence) {
        if (advance(event.ticketId(), sequence)) {
            setItem(event.ticketId(), event.lineId(), ItemStatus.VOIDED);
        }
    }

    @EventHandler
    void on(TicketBumped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.ticketId(), sequence)) {
            event.readyLines().forEach(line -> setItem(event.ticketId(), line, ItemStatus.READY));
            setTicket(event.ticketId(), TicketStatus.DONE, at);
        }
    }

    @EventHandler
    void on(TicketRecalled event, @SequenceNumber long sequence) {
        if (advance(event.ticketId(), sequence)) {
            event.reopenedLines().forEach(line -> setItem(event.ticketId(), line, ItemStatus.COOKING));
            setTicket(event.ticketId(), TicketStatus.OPEN, null);
        }
    }

    @EventHandler
    void on(TicketVoided event, @SequenceNumber long sequence, @Timestamp Instant at) {
        if (advance(event.ticketId(), sequence)) {
            setTicket(event.ticketId(), TicketStatus.VOIDED, at);
        }
    }

    public List<TicketId> openTicketsOf(OrderId order) {
        return jdbc.queryForList("select ticket_id from kitchen_ticket where order_id = ? and status = ?",
                UUID.class, order.value(), TicketStatus.OPEN.name()).stream().map(TicketId::of).toList();
    }

    /** The open tickets of a station, oldest first; a station nobody sent anything to has none. */
    public List<TicketView> openAt(String station) {
        return tickets("where t.station = ? and t.status = ?", TicketId.normalStation(station),
                TicketStatus.OPEN.name());
    }

    /** Every ticket of an order, whatever its state, in the order they were made. */
    public List<TicketView> ofOrder(OrderId order) {
        return tickets("where t.order_id = ?", order.value());
    }

    private List<TicketView> tickets(String where, Object... args) {
        Map<UUID, TicketView> tickets = new LinkedHashMap<>();
        Map<UUID, List<TicketView.Item>> items = new LinkedHashMap<>();
        jdbc.query("""
                select t.ticket_id, t.order_id, t.send_number, t.table_number, t.station, t.status, t.created_at,
                       t.done_at, t.version, i.line_id, i.name, i.quantity, i.modifiers, i.seat, i.course, i.notes,
                       i.allergens, i.status as item_status
                from kitchen_ticket t join kitchen_ticket_item i on i.ticket_id = t.ticket_id
                """ + where + " order by t.created_at, t.station, i.position", rs -> {
            UUID id = rs.getObject("ticket_id", UUID.class);
            items.computeIfAbsent(id, key -> new ArrayList<>()).add(item(rs));
            tickets.computeIfAbsent(id, key -> ticket(rs, items.get(key)));
        }, args);
        return List.copyOf(tickets.values());
    }

    private TicketView ticket(ResultSet rs, List<TicketView.Item> items) {
        try {
            OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
            return new TicketView(rs.getObject("ticket_id", UUID.class), rs.getObject("order_id", UUID.class),
                    rs.getInt("send_number"), rs.getInt("table_number"), rs.getString("station"), items,
                    rs.getString("status"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    done == null ? null : done.toInstant(), rs.getLong("version"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private TicketView.Item item(ResultSet rs) throws SQLException {
        return new TicketView.Item(rs.getObject("line_id", UUID.class), rs.getString("name"), rs.getInt("quantity"),
                read(rs.getString("modifiers")), (Integer) rs.getObject("seat"), (Integer) rs.getObject("course"),
                rs.getString("notes"), read(rs.getString("allergens")), rs.getString("item_status"));
    }

    private boolean advance(TicketId ticket, long sequence) {
        return jdbc.update("update kitchen_ticket set version = ? where ticket_id = ? and version < ?",
                sequence, ticket.value(), sequence) == 1;
    }

    private void setItem(TicketId ticket, LineId line, ItemStatus status) {
        jdbc.update("update kitchen_ticket_item set status = ? where ticket_id = ? and line_id = ?",
                status.name(), ticket.value(), line.value());
    }

    private void setTicket(TicketId ticket, TicketStatus status, Instant doneAt) {
        jdbc.update("update kitchen_ticket set status = ?, done_at = ? where ticket_id = ?",
                status.name(), doneAt == null ? null : doneAt.atOffset(ZoneOffset.UTC), ticket.value());
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(values == null ? List.of() : values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> read(String value) {
        try {
            return json.readValue(value, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
