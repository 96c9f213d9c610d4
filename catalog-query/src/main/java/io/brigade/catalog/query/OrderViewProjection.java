package io.brigade.catalog.query;

import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillDetached;
import io.brigade.contracts.order.BillOverdue;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineRemoved;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesCooking;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesReopened;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.OrderReady;
import io.brigade.contracts.order.OrderServed;
import io.brigade.contracts.order.OrderTransferred;
import io.brigade.contracts.order.SentLine;
import io.brigade.platform.metadata.MetaDataKeys;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Each order as the waiters see it, and through it the floor, from the order service's events. An event applies only
 * when its sequence number is past the order's version, so a redelivered or replayed event changes nothing. Each
 * applied change is pushed to whoever watches the order and the floor, unless it is history being replayed. A replay
 * (the processor's tokens reset) empties the views first and rebuilds them.
 */
@Component
@ProcessingGroup(OrderViewProjection.GROUP)
public class OrderViewProjection {

    public static final String GROUP = "order-views";

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final Floor floor;
    private final QueryUpdateEmitter emitter;
    private final LiveChanges changes;

    public OrderViewProjection(JdbcTemplate jdbc, JsonColumns json, Floor floor, QueryUpdateEmitter emitter,
                               LiveChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.floor = floor;
        this.emitter = emitter;
        this.changes = changes;
    }

    /** A replay rebuilds the orders and the floor from the first event of the topic. */
    @ResetHandler
    void rebuild() {
        jdbc.update("delete from order_view_line");
        jdbc.update("delete from order_view");
        jdbc.update("update dining_table set floor_version = 0");
    }

    @EventHandler
    void on(OrderOpened event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(MetaDataKeys.USER_ID) String waiterId,
            @MetaDataValue(MetaDataKeys.USERNAME) String waiterName, ReplayStatus replay) {
        int inserted = jdbc.update("""
                        insert into order_view (order_id, table_id, table_number, guests, status, waiter_id,
                                                waiter_name, opened_at, version)
                        values (?, ?, ?, ?, 'OPEN', ?, ?, ?, ?) on conflict (order_id) do nothing""",
                event.orderId().value(), event.tableId().value(), event.tableNumber(), event.guests(), waiterId,
                waiterName, at.atOffset(ZoneOffset.UTC), sequence);
        if (inserted == 1) {
            changed(event.orderId(), List.of(event.tableId()), replay);
        }
    }

    @EventHandler
    void on(OrderLineAdded event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            jdbc.update("""
                            insert into order_view_line (order_id, line_id, position, menu_item_id, name, quantity,
                                                         modifiers, unit_price_cents, seat, course, notes, state)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'NEW')""",
                    event.orderId().value(), event.lineId().value(), sequence, event.menuItemId().value(),
                    event.name(), event.quantity(), json.write(modifierNames(event.modifiers())),
                    event.unitPrice().cents(), event.seat(), event.course(), event.notes());
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLineRemoved event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            jdbc.update("delete from order_view_line where order_id = ? and line_id = ?",
                    event.orderId().value(), event.lineId().value());
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLinesSent event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), event.lines().stream().map(SentLine::lineId).toList(), "SENT");
            setStatus(event.orderId(), "IN_KITCHEN");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLinesCooking event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), event.lineIds(), "COOKING");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLinesReady event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), event.lineIds(), "READY");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderReady event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            setStatus(event.orderId(), "READY");
            changed(event.orderId(), replay);
        }
    }

    /** A recalled ticket puts its lines back on the stove, and a ready or served order back in the kitchen. */
    @EventHandler
    void on(OrderLinesReopened event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), event.lineIds(), "COOKING");
            jdbc.update("""
                    update order_view set status = 'IN_KITCHEN' where order_id = ? and status in ('READY', 'SERVED')""",
                    event.orderId().value());
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLinesServed event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), event.lineIds(), "SERVED");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderServed event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            setStatus(event.orderId(), "SERVED");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderLineVoided event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            moveLines(event.orderId(), List.of(event.lineId()), "VOIDED");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderTransferred event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            jdbc.update("update order_view set table_id = ?, table_number = ? where order_id = ?",
                    event.toTableId().value(), event.toTableNumber(), event.orderId().value());
            changed(event.orderId(), List.of(event.fromTableId(), event.toTableId()), replay);
        }
    }

    @EventHandler
    void on(BillRequested event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            setStatus(event.orderId(), "BILLED");
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(BillAttached event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            jdbc.update("update order_view set bill_id = ? where order_id = ?", event.billId().value(),
                    event.orderId().value());
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(BillDetached event, @SequenceNumber long sequence, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            jdbc.update("update order_view set bill_id = null where order_id = ? and bill_id = ?",
                    event.orderId().value(), event.billId().value());
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderClosed event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            finish(event.orderId(), "CLOSED", at);
            changed(event.orderId(), replay);
        }
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at, ReplayStatus replay) {
        if (advance(event.orderId(), sequence)) {
            finish(event.orderId(), "CANCELLED", at);
            changed(event.orderId(), replay);
        }
    }

    /** Changes nothing a waiter sees, but the order's version moves on with it. */
    @EventHandler
    void on(KitchenDelayed event, @SequenceNumber long sequence) {
        advance(event.orderId(), sequence);
    }

    /** Changes nothing a waiter sees, but the order's version moves on with it. */
    @EventHandler
    void on(BillOverdue event, @SequenceNumber long sequence) {
        advance(event.orderId(), sequence);
    }

    @QueryHandler
    List<LiveUpdate> handle(WatchOrder query) {
        return order(query.orderId()).map(view -> List.of(new LiveUpdate("order:update", view.version(), view)))
                .orElse(List.of());
    }

    @QueryHandler
    List<LiveUpdate> handle(WatchFloor query) {
        return floor.rows().stream().map(OrderViewProjection::tableUpdate).toList();
    }

    public Optional<OrderView> order(UUID orderId) {
        return ordersWhere("where o.order_id = ?", orderId).stream().findFirst();
    }

    /** Orders newest first, optionally of one status and one table. */
    public List<OrderView> orders(String status, UUID tableId) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("where true");
        if (status != null) {
            where.append(" and o.status = ?");
            args.add(status);
        }
        if (tableId != null) {
            where.append(" and o.table_id = ?");
            args.add(tableId);
        }
        return ordersWhere(where.toString(), args.toArray());
    }

    private List<OrderView> ordersWhere(String where, Object... args) {
        List<OrderView> orders = jdbc.query("select * from order_view o " + where
                + " order by o.opened_at desc, o.order_id", (rs, n) -> order(rs, List.of()), args);
        if (orders.isEmpty()) {
            return orders;
        }
        List<UUID> ids = orders.stream().map(OrderView::orderId).toList();
        var lines = new java.util.HashMap<UUID, List<OrderView.Line>>();
        jdbc.query("select * from order_view_line where order_id = any (?) order by position",
                rs -> {
                    lines.computeIfAbsent(rs.getObject("order_id", UUID.class), id -> new ArrayList<>()).add(line(rs));
                }, (Object) ids.toArray(UUID[]::new));
        return orders.stream().map(o -> withLines(o, lines.getOrDefault(o.orderId(), List.of()))).toList();
    }

    private static OrderView withLines(OrderView order, List<OrderView.Line> lines) {
        long subtotal = lines.stream().filter(l -> !l.state().equals("VOIDED")).mapToLong(OrderView.Line::totalCents)
                .sum();
        return new OrderView(order.orderId(), order.tableId(), order.tableNumber(), order.guests(), order.status(),
                order.waiter(), List.copyOf(lines), subtotal, order.billId(), order.openedAt(), order.closedAt(),
                order.version());
    }

    private OrderView order(ResultSet rs, List<OrderView.Line> lines) throws SQLException {
        OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
        return new OrderView(rs.getObject("order_id", UUID.class), rs.getObject("table_id", UUID.class),
                rs.getInt("table_number"), rs.getInt("guests"), rs.getString("status"),
                new Waiter(rs.getString("waiter_id"), rs.getString("waiter_name")), lines, 0,
                rs.getObject("bill_id", UUID.class), rs.getObject("opened_at", OffsetDateTime.class).toInstant(),
                closed == null ? null : closed.toInstant(), rs.getLong("version"));
    }

    private OrderView.Line line(ResultSet rs) throws SQLException {
        long unit = rs.getLong("unit_price_cents");
        int quantity = rs.getInt("quantity");
        return new OrderView.Line(rs.getObject("line_id", UUID.class), rs.getObject("menu_item_id", UUID.class),
                rs.getString("name"), quantity, json.strings(rs.getString("modifiers")), unit, unit * quantity,
                (Integer) rs.getObject("seat"), (Integer) rs.getObject("course"), rs.getString("notes"),
                rs.getString("state"));
    }

    private boolean advance(OrderId order, long sequence) {
        return jdbc.update("update order_view set version = ? where order_id = ? and version < ?",
                sequence, order.value(), sequence) == 1;
    }

    private void setStatus(OrderId order, String status) {
        jdbc.update("update order_view set status = ? where order_id = ?", status, order.value());
    }

    private void finish(OrderId order, String status, Instant at) {
        jdbc.update("update order_view set status = ?, closed_at = ? where order_id = ?", status,
                at.atOffset(ZoneOffset.UTC), order.value());
    }

    private void moveLines(OrderId order, List<LineId> lines, String state) {
        jdbc.update("update order_view_line set state = ? where order_id = ? and line_id = any (?)", state,
                order.value(), lines.stream().map(LineId::value).toArray(UUID[]::new));
    }

    /** The floor row of the order's table changed with it: it counts one more version. */
    private void changed(OrderId order, ReplayStatus replay) {
        List<UUID> table = jdbc.queryForList("""
                update dining_table set floor_version = floor_version + 1
                where id = (select table_id from order_view where order_id = ?) returning id""", UUID.class,
                order.value());
        announce(order, table, replay);
    }

    /** The floor rows of these tables changed with the order: each counts one more version. */
    private void changed(OrderId order, List<TableId> tables, ReplayStatus replay) {
        tables.forEach(table -> jdbc.update("update dining_table set floor_version = floor_version + 1 where id = ?",
                table.value()));
        announce(order, tables.stream().map(TableId::value).toList(), replay);
    }

    private void announce(OrderId order, List<UUID> tables, ReplayStatus replay) {
        if (!replay.isReplay()) {
            changes.announce(new LiveChange(LiveChange.ORDER, "order:update", order.value(), tables, null));
        }
    }

    /** Pushes an order and its tables' floor rows as stored to whoever watches them on this instance. */
    public void push(LiveChange change) {
        if (Watchers.anyone(emitter, WatchOrder.class, watch -> watch.orderId().equals(change.id()))) {
            order(change.id()).ifPresent(view -> emitter.emit(WatchOrder.class,
                    watch -> watch.orderId().equals(view.orderId()),
                    new LiveUpdate(change.type(), view.version(), view)));
        }
        if (Watchers.anyone(emitter, WatchFloor.class, watch -> true)) {
            change.tables().forEach(table -> floor.row(table).ifPresent(row ->
                    emitter.emit(WatchFloor.class, watch -> true, tableUpdate(row))));
        }
    }

    static LiveUpdate tableUpdate(FloorRow row) {
        return new LiveUpdate("table:update", row.version(), row);
    }

    private static List<String> modifierNames(List<ChosenModifier> modifiers) {
        return modifiers == null ? List.of() : modifiers.stream().map(ChosenModifier::name).toList();
    }
}
