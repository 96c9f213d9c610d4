package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.ExportFormat;
import io.brigade.platform.kafka.GlobalIndexHeader;
import io.brigade.platform.metadata.MetaDataKeys;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * One event as its service published it: Axon's headers say what and where, the metadata headers who, with the
 * event's chain hashes, and the value is the payload exactly as published.
 */
public record PublishedEvent(String eventId, String service, String aggregateType, String aggregateId, Long sequence,
                             Long globalIndex, String type, Instant timestamp, UUID userId, String payload,
                             ObjectNode metadata, String hash, String previousHash) {

    private static final String METADATA = "axon-metadata-";

    /** The record's event, or {@code null} when the record is no event (no id or no type). */
    public static PublishedEvent read(ConsumerRecord<byte[], byte[]> record, String service) {
        String eventId = text(record, "axon-message-id");
        String type = text(record, "axon-message-type");
        if (eventId == null || type == null) {
            return null;
        }
        ObjectNode metadata = CanonicalJson.MAPPER.createObjectNode();
        String hash = null;
        String previousHash = null;
        for (Header header : record.headers()) {
            if (!header.key().startsWith(METADATA) || header.value() == null) {
                continue;
            }
            String key = header.key().substring(METADATA.length());
            String value = new String(header.value(), StandardCharsets.UTF_8);
            if (key.equals("hash")) {
                hash = value;
            } else if (key.equals("previousHash")) {
                previousHash = value;
            } else if (!ExportFormat.CHAIN_KEYS.contains(key)) {
                metadata.put(key, value);
            }
        }
        Long timestamp = number(record, "axon-message-timestamp");
        return new PublishedEvent(eventId, service, text(record, "axon-message-aggregate-type"),
                text(record, "axon-message-aggregate-id"), number(record, "axon-message-aggregate-seq"),
                GlobalIndexHeader.read(record), type,
                Instant.ofEpochMilli(timestamp == null ? record.timestamp() : timestamp),
                uuid(metadata.path(MetaDataKeys.USER_ID).asText(null)),
                record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8),
                metadata, hash, previousHash);
    }

    /** The type's simple name, {@code OrderOpened} for {@code io.brigade.contracts.order.OrderOpened}. */
    public static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static UUID uuid(String text) {
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Long number(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null || header.value() == null || header.value().length != Long.BYTES ? null
                : ByteBuffer.wrap(header.value()).getLong();
    }
}
