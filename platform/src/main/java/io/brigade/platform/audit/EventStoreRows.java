package io.brigade.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.brigade.audit.AuditedEvent;
import io.brigade.audit.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event store's rows as they are, read with plain SQL: what the audit trail judges is what is stored, not what
 * Axon would make of it. Whole-store reads stream through a cursor, so a store of any size is read in constant memory.
 */
public class EventStoreRows {

    private static final String COLUMNS = "global_index, event_identifier, type, aggregate_identifier, "
            + "sequence_number, payload_type, time_stamp, payload, meta_data";
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public EventStoreRows(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** One aggregate's events in sequence order; empty when the store has none. */
    public List<AuditedEvent> aggregate(String aggregateId) {
        return jdbc.query("select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", EVENT, aggregateId);
    }

    /** Every event after {@code afterGlobalIndex}, in global index order. */
    public void forEach(long afterGlobalIndex, Consumer<AuditedEvent> each) {
        readOnly.executeWithoutResult(status -> {
            JdbcTemplate cursor = cursor();
            cursor.query("select " + COLUMNS + " from domain_event_entry where global_index > ? order by global_index",
                    rs -> {
                        each.accept(EVENT.mapRow(rs, 0));
                    }, afterGlobalIndex);
        });
    }

    /** A row's place and hash only: what a Merkle tree needs. {@code hash} is null for an event outside any chain. */
    public record Leaf(long globalIndex, String hash, String timestamp) {
    }

    public void forEachLeaf(long afterGlobalIndex, Consumer<Leaf> each) {
        readOnly.executeWithoutResult(status -> cursor().query(
                "select global_index, type, time_stamp, meta_data from domain_event_entry where global_index > ? "
                        + "order by global_index",
                rs -> {
                    String hash = null;
                    if (rs.getString("type") != null) {
                        JsonNode value = metadata(rs.getBytes("meta_data")).get(HashChainingEventStorageEngine.HASH);
                        hash = value == null || value.isNull() ? null : value.asText();
                    }
                    each.accept(new Leaf(rs.getLong("global_index"), hash, rs.getString("time_stamp")));
                }, afterGlobalIndex));
    }

    private JdbcTemplate cursor() {
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(FETCH_SIZE);
        return cursor;
    }

    private static final RowMapper<AuditedEvent> EVENT = (rs, n) -> new AuditedEvent(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getString("type"), rs.getString("aggregate_identifier"),
            rs.getLong("sequence_number"), rs.getString("payload_type"), rs.getString("time_stamp"),
            new String(rs.getBytes("payload"), StandardCharsets.UTF_8), metadata(rs.getBytes("meta_data")));

    private static JsonNode metadata(byte[] bytes) {
        if (bytes == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return CanonicalJson.parse(bytes);
        } catch (IllegalArgumentException e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }
}
