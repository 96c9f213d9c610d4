package io.brigade.reporting.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.reporting.report.ReportRows.BillRow;
import io.brigade.reporting.report.ReportRows.OrderRow;
import io.brigade.reporting.report.ReportRows.TicketRow;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Writes folded rows into a schema of report tables and reads rows back for the next batch. Every write is
 * {@code COPY}: straight into the tables of a schema being built from nothing, or into temporary tables and from
 * there into the report tables in one statement each, where a row's version only moves forward and a row written
 * once is never written again. One round trip per table per batch, whatever its size.
 */
@Component
public class ReportTables {

    public static final String LIVE = "reports";
    public static final String NEXT = "reports_next";

    /** Every table of a schema of reports, in the order a new schema creates them. */
    static final List<String> TABLES = List.of("feed_offset", "restaurant_settings", "report_order", "report_bill",
            "report_bill_line", "sale_entry", "kitchen_ticket", "kitchen_delay", "adjustment", "skipped_event");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much COPY text is made before it is sent on. */
    private static final int CHUNK = 64 * 1024;
    private static final Map<String, String> ASSIGNMENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ReportsProperties properties;

    public ReportTables(JdbcTemplate jdbc, DataSource dataSource, ReportsProperties properties) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.properties = properties;
    }

    /**
     * A new, empty schema of report tables made from the live one's definitions, without their keys and indexes:
     * {@link #fill} builds those once the tables are full.
     */
    public void createNext() {
        jdbc.execute("drop schema if exists " + NEXT + " cascade");
        jdbc.execute("create schema " + NEXT);
        for (String table : TABLES) {
            jdbc.execute("create table " + NEXT + "." + table + " (like " + LIVE + "." + table
                    + " including all excluding indexes)");
        }
    }

    public void dropNext() {
        jdbc.execute("drop schema if exists " + NEXT + " cascade");
    }

    /**
     * Reads switch to the schema just built, in one step: the live schema and the new one trade names in one
     * transaction, and the old tables go with it. A query already running finishes on the old tables; the next one
     * reads the new.
     */
    public void switchToNext(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local lock_timeout = " + properties.switchLockTimeout().toMillis());
            statement.execute("alter schema " + LIVE + " rename to reports_old");
            statement.execute("alter schema " + NEXT + " rename to " + LIVE);
            statement.execute("drop schema reports_old cascade");
        }
    }

    public Map<TopicPartition, Long> offsets(String schema) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        jdbc.query("select topic, partition, next_offset from " + schema + ".feed_offset", rs -> {
            offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
        });
        return offsets;
    }

    /** Loads the rows of these aggregates into the fold, so that the batch's events apply on top of them. */
    public void load(String schema, ReportFold fold, Collection<UUID> orderIds, Collection<UUID> billIds,
                     Collection<UUID> ticketIds) {
        jdbc.query("select * from " + schema + ".restaurant_settings", rs -> {
            ReportRows.SettingsRow row = new ReportRows.SettingsRow(rs.getString("settings_id"));
            row.timeZone = rs.getString("time_zone");
            row.version = rs.getLong("version");
            fold.settings.put(row.settingsId, row);
        });
        if (!orderIds.isEmpty()) {
            jdbc.query("select * from " + schema + ".report_order where order_id = any (?)", rs -> {
                OrderRow row = new OrderRow(rs.getObject("order_id", UUID.class));
                row.waiter = rs.getString("waiter");
                row.guests = rs.getInt("guests");
                row.openedAt = rs.getTimestamp("opened_at").toInstant();
                row.cancelled = rs.getBoolean("cancelled");
                row.lines.putAll(lines(rs.getString("lines")));
                row.version = rs.getLong("version");
                fold.orders.put(row.orderId, row);
            }, (Object) orderIds.toArray(UUID[]::new));
        }
        if (!billIds.isEmpty()) {
            jdbc.query("select * from " + schema + ".report_bill where bill_id = any (?)", rs -> {
                BillRow row = new BillRow(rs.getObject("bill_id", UUID.class));
                row.orderId = rs.getObject("order_id", UUID.class);
                row.tableNumber = rs.getInt("table_number");
                row.subtotal = rs.getLong("subtotal_cents");
                row.discount = rs.getLong("discount_cents");
                row.serviceCharge = rs.getLong("service_charge_cents");
                row.tax = rs.getLong("tax_cents");
                row.total = rs.getLong("total_cents");
                row.standingTips = rs.getLong("standing_tips_cents");
                row.status = rs.getString("status");
                Timestamp paidAt = rs.getTimestamp("paid_at");
                row.paidAt = paidAt == null ? null : paidAt.toInstant();
                row.version = rs.getLong("version");
                fold.bills.put(row.billId, row);
            }, (Object) billIds.toArray(UUID[]::new));
        }
        if (!ticketIds.isEmpty()) {
            jdbc.query("select * from " + schema + ".kitchen_ticket where ticket_id = any (?)", rs -> {
                TicketRow row = new TicketRow(rs.getObject("ticket_id", UUID.class));
                row.orderId = rs.getObject("order_id", UUID.class);
                row.station = rs.getString("station");
                row.createdAt = rs.getTimestamp("created_at").toInstant();
                Timestamp bumpedAt = rs.getTimestamp("bumped_at");
                row.bumpedAt = bumpedAt == null ? null : bumpedAt.toInstant();
                row.voided = rs.getBoolean("voided");
                row.version = rs.getLong("version");
                fold.tickets.put(row.ticketId, row);
            }, (Object) ticketIds.toArray(UUID[]::new));
        }
    }

    /**
     * Writes what the fold changed and where the feed now stands, on the connection of the caller's transaction.
     * {@code fresh} means the schema holds nothing these rows could meet, so they are copied straight in.
     */
    public void write(Connection connection, String schema, ReportFold fold, Map<TopicPartition, Long> positions,
                      boolean fresh) throws SQLException {
        Writer writer = new Writer(connection, schema, fresh);
        for (TableRows<?> table : rowsOf(fold)) {
            writer.rows(table);
        }
        writer.offsets(new ArrayList<>(positions.entrySet()));
    }

    /**
     * Fills the tables of a schema made by {@link #createNext()}, which hold nothing yet and have no index: each table
     * is copied in and then indexed as the live one is, on a connection of its own, several tables at once. Building
     * an index once over the whole table is much cheaper than keeping it up to date row by row.
     */
    public void fill(String schema, ReportFold fold, Map<TopicPartition, Long> positions) throws SQLException {
        Map<String, List<String>> indexes = indexesOfLive(schema);
        List<TableRows<?>> tables = new ArrayList<>(rowsOf(fold));
        tables.add(new TableRows<>("feed_offset", null, null, new ArrayList<>(positions.entrySet()),
                e -> new Object[]{e.getKey().topic(), e.getKey().partition(), e.getValue()}));
        // the largest first, so that the small ones fill the gaps beside them
        tables.sort(Comparator.comparingInt((TableRows<?> t) -> -t.rows().size()));
        ExecutorService writers = Executors.newFixedThreadPool(properties.replayWriters(), r -> {
            Thread thread = new Thread(r, "report-replay-copy");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> copies = new ArrayList<>();
            for (TableRows<?> table : tables) {
                copies.add(writers.submit(() -> {
                    try (Connection connection = dataSource.getConnection()) {
                        connection.setAutoCommit(true);
                        new Writer(connection, schema, true).rows(table);
                        try (Statement statement = connection.createStatement()) {
                            for (String index : indexes.getOrDefault(table.table(), List.of())) {
                                statement.execute(index);
                            }
                        }
                    }
                    return null;
                }));
            }
            SQLException failed = null;
            for (Future<?> copy : copies) {
                try {
                    copy.get();
                } catch (ExecutionException e) {
                    if (failed == null) {
                        failed = new SQLException("Could not fill the rebuilt reports: " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("Interrupted while filling the rebuilt reports", e);
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /** The statements that give each table of {@code schema} the keys and indexes its live namesake has. */
    private Map<String, List<String>> indexesOfLive(String schema) {
        Map<String, List<String>> indexes = new HashMap<>();
        jdbc.query("""
                select c.relname, con.conname, pg_get_constraintdef(con.oid)
                from pg_constraint con join pg_class c on c.oid = con.conrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and con.contype in ('p', 'u', 'x')""", rs -> {
            indexes.computeIfAbsent(rs.getString(1), t -> new ArrayList<>()).add("alter table " + schema + "."
                    + rs.getString(1) + " add constraint " + rs.getString(2) + " " + rs.getString(3));
        }, LIVE);
        jdbc.query("""
                select c.relname, pg_get_indexdef(i.indexrelid)
                from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = ? and not exists (select 1 from pg_constraint con where con.conindid = i.indexrelid)
                """, rs -> {
            indexes.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                    .add(rs.getString(2).replace(" ON " + LIVE + ".", " ON " + schema + "."));
        }, LIVE);
        return indexes;
    }

    /** A table's changed or new rows, with its key and the column that holds a row's version, if it has one. */
    private record TableRows<T>(String table, String key, String version, Collection<T> rows,
                                Function<T, Object[]> values) {
    }

    private static List<TableRows<?>> rowsOf(ReportFold fold) {
        return List.of(
                new TableRows<>("restaurant_settings", "settings_id", "version",
                        fold.changedSettings.stream().map(fold.settings::get).toList(),
                        row -> new Object[]{row.settingsId, row.timeZone, row.version}),
                new TableRows<>("report_order", "order_id", "version",
                        fold.changedOrders.stream().map(fold.orders::get).toList(),
                        row -> new Object[]{row.orderId, row.waiter, row.guests, row.openedAt, row.cancelled,
                                json(row.lines), row.version}),
                new TableRows<>("report_bill", "bill_id", "version",
                        fold.changedBills.stream().map(fold.bills::get).toList(),
                        row -> new Object[]{row.billId, row.orderId, row.tableNumber, row.subtotal, row.discount,
                                row.serviceCharge, row.tax, row.total, row.standingTips, row.status, row.paidAt,
                                row.version}),
                new TableRows<>("kitchen_ticket", "ticket_id", "version",
                        fold.changedTickets.stream().map(fold.tickets::get).toList(),
                        row -> new Object[]{row.ticketId, row.orderId, row.station, row.createdAt, row.bumpedAt,
                                row.voided, row.version}),
                new TableRows<>("report_bill_line", "bill_id, line_id", null, fold.newBillLines,
                        row -> new Object[]{row.billId(), row.lineId(), row.menuItemId(), row.name(),
                                row.quantity(), row.total()}),
                new TableRows<>("sale_entry", "entry_id", null, fold.newSales,
                        row -> new Object[]{row.entryId(), row.billId(), row.at(), row.orders(), row.gross(),
                                row.discount(), row.tax(), row.net(), row.tips()}),
                new TableRows<>("kitchen_delay", "ticket_id", null, fold.newDelays.values(),
                        row -> new Object[]{row.ticketId(), row.orderId(), row.station(), row.at()}),
                new TableRows<>("adjustment", "event_id", null, fold.newAdjustments,
                        row -> new Object[]{row.eventId(), row.at(), row.kind(), row.orderId(), row.billId(),
                                row.amount(), row.reason(), row.by(), row.approvedBy()}),
                new TableRows<>("skipped_event", "topic, partition, \"offset\"", null, fold.skipped,
                        row -> new Object[]{row.topic(), row.partition(), row.offset(), row.type(), row.error()}));
    }

    private static final class Writer {
        private final Connection connection;
        private final CopyManager copy;
        private final String schema;
        private final boolean fresh;

        Writer(Connection connection, String schema, boolean fresh) throws SQLException {
            this.connection = connection;
            this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
            this.schema = schema;
            this.fresh = fresh;
        }

        <T> void rows(TableRows<T> rows) throws SQLException {
            if (!rows.rows().isEmpty()) {
                rows(rows.table(), rows.key(), rows.version(), rows.rows(), rows.values());
            }
        }

        private <T> void rows(String table, String key, String version, Collection<T> rows,
                              Function<T, Object[]> values) throws SQLException {
            String target = schema + "." + table;
            if (fresh) {
                copyIn(target, rows, values);
                return;
            }
            String staging = "staging_" + table;
            try (Statement statement = connection.createStatement()) {
                statement.execute("create temporary table if not exists " + staging + " (like " + target
                        + ") on commit delete rows");
            }
            copyIn(staging, rows, values);
            String upsert = version == null
                    ? "insert into " + target + " select * from " + staging + " on conflict (" + key + ") do nothing"
                    : "insert into " + target + " select * from " + staging + " on conflict (" + key
                    + ") do update set " + assignments(target) + " where " + target + ".version < excluded.version";
            try (Statement statement = connection.createStatement()) {
                statement.execute(upsert);
                statement.execute("truncate " + staging);
            }
        }

        void offsets(List<Map.Entry<TopicPartition, Long>> offsets) throws SQLException {
            if (offsets.isEmpty()) {
                return;
            }
            String target = schema + ".feed_offset";
            if (fresh) {
                copyIn(target, offsets, e -> new Object[]{e.getKey().topic(), e.getKey().partition(), e.getValue()});
                return;
            }
            try (var statement = connection.prepareStatement("insert into " + target
                    + " (topic, partition, next_offset) values (?, ?, ?) on conflict (topic, partition)"
                    + " do update set next_offset = excluded.next_offset")) {
                for (Map.Entry<TopicPartition, Long> offset : offsets) {
                    statement.setString(1, offset.getKey().topic());
                    statement.setInt(2, offset.getKey().partition());
                    statement.setLong(3, offset.getValue());
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }

        /** Every column set from the new row; both schemas have the same columns, so they are looked up once. */
        private String assignments(String target) throws SQLException {
            String[] parts = target.split("\\.");
            String known = ASSIGNMENTS.get(parts[1]);
            if (known != null) {
                return known;
            }
            List<String> columns = new ArrayList<>();
            try (var rs = connection.getMetaData().getColumns(null, parts[0], parts[1], null)) {
                while (rs.next()) {
                    String column = rs.getString("COLUMN_NAME");
                    columns.add(column + " = excluded." + column);
                }
            }
            String assignments = String.join(", ", columns);
            ASSIGNMENTS.put(parts[1], assignments);
            return assignments;
        }

        /** Streams the rows as they are written out, so the server takes in the first while the rest are made. */
        private <T> void copyIn(String table, Collection<T> rows, Function<T, Object[]> values) throws SQLException {
            CopyIn in = copy.copyIn("copy " + table + " from stdin");
            try {
                StringBuilder text = new StringBuilder(CHUNK + 1024);
                for (T row : rows) {
                    Object[] fields = values.apply(row);
                    for (int i = 0; i < fields.length; i++) {
                        if (i > 0) {
                            text.append('\t');
                        }
                        field(text, fields[i]);
                    }
                    text.append('\n');
                    if (text.length() >= CHUNK) {
                        send(in, text);
                    }
                }
                send(in, text);
                in.endCopy();
            } finally {
                if (in.isActive()) {
                    in.cancelCopy();
                }
            }
        }

        private static void send(CopyIn in, StringBuilder text) throws SQLException {
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            text.setLength(0);
        }

        private static void field(StringBuilder text, Object value) {
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof Instant instant) {
                text.append(instant.toString());
            } else if (value instanceof String string) {
                for (int i = 0; i < string.length(); i++) {
                    char c = string.charAt(i);
                    switch (c) {
                        case '\\' -> text.append("\\\\");
                        case '\t' -> text.append("\\t");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        default -> text.append(c);
                    }
                }
            } else {
                text.append(value);
            }
        }
    }

    private static String json(Map<UUID, Long> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<UUID, Long> lines(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<UUID, Long>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
