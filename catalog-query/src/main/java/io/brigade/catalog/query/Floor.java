package io.brigade.catalog.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The floor as the tables and the order views make it: a table is taken by its latest order that is neither closed
 * nor cancelled, and is BILLING once that order's bill was asked for.
 */
@Component
public class Floor {

    private static final String ROWS = """
            select t.id, t.number, t.seats, t.zone, t.floor_version,
                   o.order_id, o.status, o.guests, o.waiter_id, o.waiter_name, o.opened_at,
                   (select count(*) from order_view_line l
                     where l.order_id = o.order_id and l.state <> 'VOIDED') as line_count,
                   (select count(*) from order_view_line l
                     where l.order_id = o.order_id and l.state = 'READY') as ready_count,
                   (select coalesce(sum(l.unit_price_cents * l.quantity), 0) from order_view_line l
                     where l.order_id = o.order_id and l.state <> 'VOIDED') as total_cents
            from dining_table t
            left join lateral (select * from order_view v
                               where v.table_id = t.id and v.status not in ('CLOSED', 'CANCELLED')
                               order by v.opened_at desc, v.order_id limit 1) o on true
            """;

    private final JdbcTemplate jdbc;

    public Floor(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<FloorRow> rows() {
        return jdbc.query(ROWS + " order by t.number", (rs, n) -> row(rs));
    }

    public Optional<FloorRow> row(UUID tableId) {
        return jdbc.query(ROWS + " where t.id = ?", (rs, n) -> row(rs), tableId).stream().findFirst();
    }

    public List<TableView> tables() {
        return rows().stream().map(FloorRow::table).toList();
    }

    public Optional<TableView> table(UUID tableId) {
        return row(tableId).map(FloorRow::table);
    }

    private static FloorRow row(ResultSet rs) throws SQLException {
        UUID orderId = rs.getObject("order_id", UUID.class);
        String orderStatus = rs.getString("status");
        String tableStatus = orderId == null ? "FREE" : "BILLED".equals(orderStatus) ? "BILLING" : "OCCUPIED";
        TableView table = new TableView(rs.getObject("id", UUID.class), rs.getInt("number"), rs.getInt("seats"),
                rs.getString("zone"), tableStatus, orderId);
        FloorRow.CurrentOrder order = orderId == null ? null : new FloorRow.CurrentOrder(orderId, orderStatus,
                rs.getInt("guests"), new Waiter(rs.getString("waiter_id"), rs.getString("waiter_name")),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(), rs.getInt("line_count"),
                rs.getInt("ready_count"), rs.getLong("total_cents"));
        return new FloorRow(table, order, rs.getLong("floor_version"));
    }
}
