package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event as the store keeps it (and as an export carries it): the payload as its stored JSON text, so that a
 * tampered payload is judged as it is, and the metadata with the chain's {@code previousHash} and {@code hash}.
 */
public record AuditedEvent(long globalIndex, String eventId, String aggregateType, String aggregateId, long sequence,
                           String type, String timestamp, String payload, JsonNode metadata) {

    public String hash() {
        return text("hash");
    }

    public String previousHash() {
        return text("previousHash");
    }

    public String metaData(String key) {
        return text(key);
    }

    /** The hash this event's content gives, or an explanation of why it gives none. */
    public Recomputed recompute() {
        String previous = previousHash();
        if (previous == null) {
            return new Recomputed(null, "has no previousHash");
        }
        JsonNode parsedPayload;
        try {
            parsedPayload = CanonicalJson.parse(payload);
        } catch (IllegalArgumentException e) {
            return new Recomputed(null, "has a payload that is " + e.getMessage());
        }
        String canonicalTimestamp;
        try {
            canonicalTimestamp = EventHash.timestamp(timestamp);
        } catch (RuntimeException e) {
            return new Recomputed(null, "has an unreadable timestamp " + timestamp);
        }
        try {
            return new Recomputed(EventHash.hash(new EventHash.Content(previous, eventId, aggregateType, aggregateId,
                    sequence, type, canonicalTimestamp, parsedPayload, text("userId"), text("username"),
                    text("role"))), null);
        } catch (IllegalArgumentException e) {
            return new Recomputed(null, "cannot be canonicalized: " + e.getMessage());
        }
    }

    public record Recomputed(String hash, String failure) {
    }

    private String text(String key) {
        JsonNode value = metadata == null ? null : metadata.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }
}
