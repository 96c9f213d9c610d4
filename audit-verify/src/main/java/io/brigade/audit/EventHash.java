package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The link of an aggregate's hash chain, as {@code docs/audit-hashing.md} defines it: {@code hash} is the lowercase
 * hex SHA-256 of the UTF-8 bytes of the RFC 8785 canonical form of
 * <pre>{aggregateId, aggregateType, eventId, payload, previousHash, sequence, timestamp, type,
 *  who: {role, userId, username}}</pre>
 * where the first event of an aggregate follows {@link #GENESIS}. The timestamp is the instant in UTC at millisecond
 * precision, which is what the event store keeps.
 */
public final class EventHash {

    /** The previous hash of an aggregate's first event. */
    public static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EventHash() {
    }

    /** The fields a hash covers. A {@code who} field the event does not carry is {@code null}. */
    public record Content(String previousHash, String eventId, String aggregateType, String aggregateId,
                          long sequence, String type, String timestamp, JsonNode payload, String userId,
                          String username, String role) {
    }

    public static String timestamp(Instant instant) {
        return MILLIS.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** Any ISO-8601 instant, in the form the hash covers. */
    public static String timestamp(String isoInstant) {
        return timestamp(Instant.parse(isoInstant));
    }

    public static ObjectNode canonicalDocument(Content content) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode who = json.objectNode();
        who.put("role", content.role());
        who.put("userId", content.userId());
        who.put("username", content.username());
        ObjectNode document = json.objectNode();
        document.put("aggregateId", content.aggregateId());
        document.put("aggregateType", content.aggregateType());
        document.put("eventId", content.eventId());
        document.set("payload", content.payload());
        document.put("previousHash", content.previousHash());
        document.put("sequence", content.sequence());
        document.put("timestamp", content.timestamp());
        document.put("type", content.type());
        document.set("who", who);
        return document;
    }

    public static String canonicalForm(Content content) {
        return CanonicalJson.canonicalize(canonicalDocument(content));
    }

    public static String hash(Content content) {
        return Sha256.hex(Sha256.digest(CanonicalJson.canonicalBytes(canonicalDocument(content))));
    }
}
