package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * The JSON Lines of an audit export, one JSON object per line, each with a {@code record} kind: first an
 * {@code export} header, then in global index order an {@code event} (with its content) or a {@code leaf} (only its
 * hash, for an event outside the selection: checkpoints need every hash), then every {@code checkpoint} that covers
 * the selection.
 */
public final class ExportFormat {

    public static final String HEADER = "export";
    public static final String EVENT = "event";
    public static final String LEAF = "leaf";
    public static final String CHECKPOINT = "checkpoint";

    /** The metadata keys an event shows beside its metadata rather than in it. */
    public static final Set<String> CHAIN_KEYS = Set.of("hash", "previousHash");

    private ExportFormat() {
    }

    /** API.md's event: {sequence, type, timestamp, payload, metadata, hash, previousHash} and where it is stored. */
    public static ObjectNode event(String service, AuditedEvent event) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode line = json.objectNode();
        line.put("service", service);
        line.put("globalIndex", event.globalIndex());
        line.put("eventId", event.eventId());
        line.put("aggregateType", event.aggregateType());
        line.put("aggregateId", event.aggregateId());
        line.put("sequence", event.sequence());
        line.put("type", event.type());
        line.put("timestamp", event.timestamp());
        try {
            line.set("payload", CanonicalJson.parse(event.payload()));
        } catch (IllegalArgumentException e) {
            line.put("payloadText", event.payload());
        }
        ObjectNode metadata = line.putObject("metadata");
        if (event.metadata() != null) {
            event.metadata().fields().forEachRemaining(field -> {
                if (!CHAIN_KEYS.contains(field.getKey())) {
                    metadata.set(field.getKey(), field.getValue());
                }
            });
        }
        line.put("hash", event.hash());
        line.put("previousHash", event.previousHash());
        return line;
    }

    public static AuditedEvent event(JsonNode line) {
        ObjectNode metadata = line.path("metadata").isObject()
                ? ((ObjectNode) line.get("metadata")).deepCopy() : JsonNodeFactory.instance.objectNode();
        for (String key : CHAIN_KEYS) {
            if (line.hasNonNull(key)) {
                metadata.put(key, line.get(key).asText());
            }
        }
        String payload = line.has("payload") ? CanonicalJson.canonicalize(line.get("payload"))
                : line.path("payloadText").asText();
        return new AuditedEvent(line.path("globalIndex").asLong(), line.path("eventId").asText(null),
                line.path("aggregateType").asText(null), line.path("aggregateId").asText(null),
                line.path("sequence").asLong(), line.path("type").asText(null), line.path("timestamp").asText(null),
                payload, metadata);
    }

    public static ObjectNode leaf(long globalIndex, String hash) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("record", LEAF);
        line.put("globalIndex", globalIndex);
        line.put("hash", hash);
        return line;
    }

    public static ObjectNode checkpoint(Checkpoint checkpoint) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("record", CHECKPOINT);
        line.setAll(checkpoint.toJson());
        return line;
    }

    public static ObjectNode eventLine(String service, AuditedEvent event) {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("record", EVENT);
        line.setAll(event(service, event));
        return line;
    }
}
