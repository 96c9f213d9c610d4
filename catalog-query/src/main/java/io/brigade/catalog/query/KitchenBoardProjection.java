package io.brigade.catalog.query;

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
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
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
import java.util.Optional;
import java.util.UUID;

/**
 * The kitchen board: every ticket the kitchen made, by station, from the kitchen service's events. A ticket is new
 * ({@code order:new}), changes while cooked ({@code ticket:update}) and leaves the board when bumped or voided
 * ({@code ticket:done}). An event applies only when its sequence number is past the ticket's version, and history
 * being replayed is pushed to no one. A replay (the processor's tokens reset) empties the board first and rebuilds it.
 */
@Component
@ProcessingGroup(KitchenBoardProjection.GROUP)
public class KitchenBoardProjection {

    public static final String GROUP = "kitchen-board";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final QueryUpdateEmitter emitter;
    private final LiveChanges changes;

    public KitchenBoardProjection(JdbcTemplate jdbc, JsonColumns json, QueryUpdateEmitter emitter,
                                  LiveChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.emitter = emitter;
        this.changes = changes;
    }

    /** A replay rebuilds the board from the first event of the topic. */
    @ResetHandler
    void rebuild() {
        jdbc.update("delete from board_ticket_item");
        jdbc.update("delete from board_ticket");
    }

    @EventHandler
    void on(TicketCreated event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        int inserted = jdbc.update("""
                        insert into board_ticket (ticket_id, order_id, table_number, station, status, created_at,
                                                  version)
                        values (?, ?, ?, ?, 'OPEN', ?, ?) on conflict (ticket_id) do nothing""",
                event.ticketId().value(), event.orderId().value(), event.tableNumber(),
                TicketId.normalStation(event.station()), at.atOffset(ZoneOffset.UTC), sequence);
        if (inserted == 0) {
            return;
        }
        int position = 0;
        for (TicketItem item : event.items()) {
            jdbc.update("""
                            insert into board_ticket_item (ticket_id, line_id, position, name, quantity, modifiers,
                                                           seat, course, notes, allergens, status)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED')""",
                    event.ticketId().value(), item.lineId().value(), position++, item.name(), item.quantity(),
                    json.write(item.modifiers()), item.seat(), item.course(), item.notes(),
                    json.write(item.allergens()));
        }
        changed(event.ticketId(), "order:new", replay);
    }

    @EventHandler
    void on(TicketItemStarted event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setItems(event.ticketId(), List.of(event.lineId()), "COOKING");
            changed(event.ticketId(), "ticket:update", replay);
        }
    }

    @EventHandler
    void on(TicketItemReady event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setItems(event.ticketId(), List.of(event.lineId()), "READY");
            changed(event.ticketId(), "ticket:update", replay);
        }
    }

    @EventHandler
    void on(TicketItemVoided event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setItems(event.ticketId(), List.of(event.lineId()), "VOIDED");
            changed(event.ticketId(), "ticket:update", replay);
        }
    }

    @EventHandler
    void on(TicketBumped event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setItems(event.ticketId(), event.readyLines(), "READY");
            setDone(event.ticketId(), at);
            changed(event.ticketId(), "ticket:done", replay);
        }
    }

    @EventHandler
    void on(TicketVoided event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setDone(event.ticketId(), at);
            changed(event.ticketId(), "ticket:done", replay);
        }
    }

    /** A recalled ticket is back on the board with its lines cooking again. */
    @EventHandler
    void on(TicketRecalled event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.ticketId(), sequence)) {
            setItems(event.ticketId(), event.reopenedLines(), "COOKING");
            jdbc.update("update board_ticket set status = 'OPEN', done_at = null where ticket_id = ?",
                    event.ticketId().value());
            changed(event.ticketId(), "ticket:update", replay);
        }
    }

    @QueryHandler
    List<LiveUpdate> handle(WatchKitchen query) {
        return openTickets(query.station()).stream()
                .map(ticket -> new LiveUpdate("ticket:update", ticket.version(), ticket)).toList();
    }

    /** The open tickets of one station, or of all when {@code station} is null, oldest first. */
    public List<TicketView> openTickets(String station) {
        return station == null
                ? tickets("where t.status = 'OPEN'")
                : tickets("where t.status = 'OPEN' and t.station = ?", TicketId.normalStation(station));
    }

    public Optional<TicketView> ticket(UUID ticketId) {
        return tickets("where t.ticket_id = ?", ticketId).stream().findFirst();
    }

    private List<TicketView> tickets(String where, Object... args) {
        Map<UUID, TicketView> tickets = new LinkedHashMap<>();
        Map<UUID, List<TicketView.Item>> items = new LinkedHashMap<>();
        jdbc.query("""
                select t.*, i.line_id, i.name, i.quantity, i.modifiers, i.seat, i.course, i.notes, i.allergens,
                       i.status as item_status
                from board_ticket t join board_ticket_item i on i.ticket_id = t.ticket_id
                """ + where + " order by t.created_at, t.ticket_id, i.position", rs -> {
            UUID id = rs.getObject("ticket_id", UUID.class);
            items.computeIfAbsent(id, key -> new ArrayList<>()).add(item(rs));
            if (!tickets.containsKey(id)) {
                tickets.put(id, ticket(rs, items.get(id)));
            }
        }, args);
        return List.copyOf(tickets.values());
    }

    private static TicketView ticket(ResultSet rs, List<TicketView.Item> items) throws SQLException {
        OffsetDateTime done = rs.getObject("done_at", OffsetDateTime.class);
        return new TicketView(rs.getObject("ticket_id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getInt("table_number"), rs.getString("station"), items, rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                done == null ? null : done.toInstant(), rs.getLong("version"));
    }

    private TicketView.Item item(ResultSet rs) throws SQLException {
        return new TicketView.Item(rs.getObject("line_id", UUID.class), rs.getString("name"), rs.getInt("quantity"),
                json.strings(rs.getString("modifiers")), (Integer) rs.getObject("seat"),
                (Integer) rs.getObject("course"), rs.getString("notes"), json.strings(rs.getString("allergens")),
                rs.getString("item_status"));
    }

    private boolean advance(TicketId ticket, long sequence) {
        return jdbc.update("update board_ticket set version = ? where ticket_id = ? and version < ?",
                sequence, ticket.value(), sequence) == 1;
    }

    private void setItems(TicketId ticket, List<LineId> lines, String status) {
        jdbc.update("update board_ticket_item set status = ? where ticket_id = ? and line_id = any (?)", status,
                ticket.value(), lines.stream().map(LineId::value).toArray(UUID[]::new));
    }

    private void setDone(TicketId ticket, Instant at) {
        jdbc.update("update board_ticket set status = 'DONE', done_at = ? where ticket_id = ?",
                at.atOffset(ZoneOffset.UTC), ticket.value());
    }

    private void changed(TicketId ticketId, String type, ReplayStatus replay) {
        if (!replay.isReplay()) {
            changes.announce(new LiveChange(LiveChange.TICKET, type, ticketId.value(), List.of(), null));
        }
    }

    /** Pushes a ticket as stored to whoever watches its station on this instance. */
    public void push(LiveChange change) {
        if (!Watchers.anyone(emitter, WatchKitchen.class, watch -> true)) {
            return;
        }
        ticket(change.id()).ifPresent(ticket -> emitter.emit(WatchKitchen.class,
                watch -> watch.sees(ticket.station()), new LiveUpdate(change.type(), ticket.version(), ticket)));
    }
}
