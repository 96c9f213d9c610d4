package io.brigade.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The newest hash of recently changed aggregates, so that appending an event rarely reads the store. An entry is only
 * trusted for the sequence right after it, and only added once its transaction committed: a rolled-back append or an
 * event another node appended meanwhile sends the lookup to the store.
 */
class ChainHeads {

    private static final int CAPACITY = 10_000;

    record Head(long sequence, String hash) {
    }

    private final JdbcTemplate jdbc;
    private final Map<String, Head> heads = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
            return size() > CAPACITY;
        }
    };

    ChainHeads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The hash the event at {@code sequence} follows. */
    String previousHash(String aggregateId, long sequence) {
        if (sequence == 0) {
            return EventHash.GENESIS;
        }
        Head head;
        synchronized (heads) {
            head = heads.get(aggregateId);
        }
        if (head != null && head.sequence() == sequence - 1) {
            return head.hash();
        }
        List<byte[]> metadata = jdbc.query("select meta_data from domain_event_entry "
                        + "where aggregate_identifier = ? and sequence_number = ?", (rs, n) -> rs.getBytes(1),
                aggregateId, sequence - 1);
        if (metadata.isEmpty() || metadata.get(0) == null) {
            return EventHash.GENESIS;
        }
        JsonNode hash = CanonicalJson.parse(metadata.get(0)).get("hash");
        return hash == null || hash.isNull() ? EventHash.GENESIS : hash.asText();
    }

    void committed(Map<String, Head> newest) {
        synchronized (heads) {
            newest.forEach((aggregateId, head) -> heads.merge(aggregateId, head,
                    (old, added) -> added.sequence() > old.sequence() ? added : old));
        }
    }
}
