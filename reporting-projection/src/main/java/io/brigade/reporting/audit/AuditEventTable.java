package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.AuditedEvent;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import io.brigade.platform.audit.AuditExport;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code audit.audit_event}: every published event of every service, stored once. */
@Component
public class AuditEventTable {

    private static final String COLUMNS = "event_id, service, aggregate_type, aggregate_id, sequence, global_index, "
            + "type, occurred_at, user_id, payload, metadata, hash, previous_hash";
    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public AuditEventTable(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Stores the events not stored yet; an event seen before (same id, or same aggregate and sequence) is skipped. */
    public int insert(List<PublishedEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        int[][] counts = jdbc.batchUpdate("insert into audit.audit_event (" + COLUMNS + ", type_name) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing", events,
                events.size(), (statement, event) -> {
                    statement.setString(1, event.eventId());
                    statement.setString(2, event.service());
                    statement.setString(3, event.aggregateType());
                    statement.setString(4, event.aggregateId());
                    setLong(statement, 5, event.sequence());
                    setLong(statement, 6, event.globalIndex());
                    statement.setString(7, event.type());
                    statement.setObject(8, event.timestamp().atOffset(ZoneOffset.UTC));
                    statement.setObject(9, event.userId());
                    statement.setString(10, event.payload());
                    statement.setString(11, event.metadata().toString());
                    statement.setString(12, event.hash());
                    statement.setString(13, event.previousHash());
                    statement.setString(14, PublishedEvent.simpleName(event.type()));
                });
        int stored = 0;
        for (int[] batch : counts) {
            for (int count : batch) {
                stored += Math.max(count, 0);
            }
        }
        return stored;
    }

    /** One page of the events the filter selects, newest first. */
    public List<ObjectNode> page(FeedFilter filter, int page, int size) {
        List<Object> arguments = new ArrayList<>();
        String where = filter.where(arguments);
        // limit and offset as literals: with parameters, a statement the driver prepared on the server may get a
        // generic plan that cannot count on a small limit and sorts every selected row instead of reading an index
        return jdbc.query("select " + COLUMNS + " from audit.audit_event" + where
                        + " order by occurred_at desc, id desc limit " + size + " offset " + (long) page * size,
                (rs, n) -> json(rs), arguments.toArray());
    }

    /** How many events the filter selects, counting no further than {@code limit}. */
    public long count(FeedFilter filter, long limit) {
        List<Object> arguments = new ArrayList<>();
        String where = filter.where(arguments);
        Long count = jdbc.queryForObject("select count(*) from (select 1 from audit.audit_event" + where
                + " limit " + limit + ") selected", Long.class, arguments.toArray());
        return count == null ? 0 : count;
    }

    /** The services that published an event the selection takes in, in name order. */
    public List<String> servicesOf(AuditExport.Selection selection, List<String> services) {
        List<String> found = new ArrayList<>();
        for (String service : services) {
            List<Object> arguments = new ArrayList<>(List.of(service));
            Boolean any = jdbc.queryForObject("select exists (select 1 from audit.audit_event where service = ? and "
                    + "global_index is not null and " + condition(selection, arguments) + ")", Boolean.class,
                    arguments.toArray());
            if (Boolean.TRUE.equals(any)) {
                found.add(service);
            }
        }
        return found;
    }

    /** A stored event the export reads: in the selection (with its content) or only a leaf for a checkpoint. */
    public record ExportRow(boolean selected, AuditedEvent event) {
    }

    /**
     * A service's events in the order of its store, through a cursor so any number is read in constant memory: every
     * selected one, and every other one up to {@code leavesUpTo} (without its content).
     */
    public void forExport(String service, AuditExport.Selection selection, long leavesUpTo, Consumer<ExportRow> each) {
        List<Object> arguments = new ArrayList<>();
        String selected = condition(selection, arguments);
        arguments.add(service);
        arguments.add(leavesUpTo);
        readOnly.executeWithoutResult(status -> {
            JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
            cursor.setFetchSize(EXPORT_FETCH_SIZE);
            cursor.query("select selected, event_id, aggregate_type, aggregate_id, sequence, global_index, type, "
                            + "occurred_at, hash, previous_hash, case when selected then payload end as payload, "
                            + "case when selected then metadata end as metadata "
                            + "from (select (" + selected + ") as selected, * from audit.audit_event "
                            + "where service = ? and global_index is not null) stored "
                            + "where selected or global_index <= ? order by global_index",
                    rs -> {
                        each.accept(exportRow(rs));
                    }, arguments.toArray());
        });
    }

    private static ExportRow exportRow(ResultSet rs) throws SQLException {
        boolean selected = rs.getBoolean("selected");
        ObjectNode metadata = CanonicalJson.MAPPER.createObjectNode();
        if (selected) {
            metadata = (ObjectNode) CanonicalJson.parse(rs.getString("metadata"));
        }
        if (rs.getString("hash") != null) {
            metadata.put("hash", rs.getString("hash"));
        }
        if (rs.getString("previous_hash") != null) {
            metadata.put("previousHash", rs.getString("previous_hash"));
        }
        long sequence = rs.getLong("sequence");
        return new ExportRow(selected, new AuditedEvent(rs.getLong("global_index"), rs.getString("event_id"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), sequence, rs.getString("type"),
                EventHash.timestamp(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()), rs.getString("payload"),
                metadata));
    }

    private static ObjectNode json(ResultSet rs) throws SQLException {
        ObjectNode event = CanonicalJson.MAPPER.createObjectNode();
        event.put("service", rs.getString("service"));
        event.put("aggregateType", rs.getString("aggregate_type"));
        event.put("aggregateId", rs.getString("aggregate_id"));
        putLong(event, "sequence", rs, "sequence");
        putLong(event, "globalIndex", rs, "global_index");
        event.put("eventId", rs.getString("event_id"));
        event.put("type", rs.getString("type"));
        event.put("timestamp", EventHash.timestamp(rs.getObject("occurred_at", OffsetDateTime.class).toInstant()));
        String payload = rs.getString("payload");
        try {
            event.set("payload", CanonicalJson.parse(payload));
        } catch (IllegalArgumentException e) {
            event.put("payloadText", payload);
        }
        JsonNode metadata;
        try {
            metadata = CanonicalJson.parse(rs.getString("metadata"));
        } catch (IllegalArgumentException e) {
            metadata = CanonicalJson.MAPPER.createObjectNode();
        }
        event.set("metadata", metadata);
        event.put("hash", rs.getString("hash"));
        event.put("previousHash", rs.getString("previous_hash"));
        return event;
    }

    private static void putLong(ObjectNode json, String field, ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        if (rs.wasNull()) {
            json.putNull(field);
        } else {
            json.put(field, value);
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    /** The SQL condition that holds for a selected event, its arguments added to {@code arguments}. */
    private static String condition(AuditExport.Selection selection, List<Object> arguments) {
        if (selection.aggregateId() != null) {
            arguments.add(selection.aggregateId());
            return "aggregate_id = ?";
        }
        List<String> conditions = new ArrayList<>();
        if (selection.from() != null) {
            conditions.add("occurred_at >= ?");
            arguments.add(selection.from().atOffset(ZoneOffset.UTC));
        }
        if (selection.to() != null) {
            conditions.add("occurred_at < ?");
            arguments.add(selection.to().atOffset(ZoneOffset.UTC));
        }
        return conditions.isEmpty() ? "true" : String.join(" and ", conditions);
    }
}
