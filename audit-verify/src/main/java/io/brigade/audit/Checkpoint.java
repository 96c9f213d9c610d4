package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * A service's signed statement that its store held {@code events} chained events up to {@code upToGlobalIndex}, whose
 * hashes in global index order have the Merkle root {@code merkleRoot}. The signature covers the RFC 8785 canonical
 * form of every other field.
 */
public record Checkpoint(String service, long upToGlobalIndex, long events, String merkleRoot, String signedAt,
                         String keyId, String signature) {

    public byte[] signedContent() {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("events", events);
        content.put("keyId", keyId);
        content.put("merkleRoot", merkleRoot);
        content.put("service", service);
        content.put("signedAt", signedAt);
        content.put("upToGlobalIndex", upToGlobalIndex);
        return CanonicalJson.canonicalize(content).getBytes(StandardCharsets.UTF_8);
    }

    public Checkpoint signedWith(AuditKeys.SigningKey key) {
        Checkpoint unsigned = new Checkpoint(service, upToGlobalIndex, events, merkleRoot, signedAt, key.keyId(),
                null);
        return new Checkpoint(service, upToGlobalIndex, events, merkleRoot, signedAt, key.keyId(),
                key.sign(unsigned.signedContent()));
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("service", service);
        json.put("upToGlobalIndex", upToGlobalIndex);
        json.put("events", events);
        json.put("merkleRoot", merkleRoot);
        json.put("signedAt", signedAt);
        json.put("keyId", keyId);
        json.put("signature", signature);
        return json;
    }

    public static Checkpoint fromJson(JsonNode json) {
        return new Checkpoint(json.path("service").asText(null), json.path("upToGlobalIndex").asLong(),
                json.path("events").asLong(), json.path("merkleRoot").asText(null),
                json.path("signedAt").asText(null), json.path("keyId").asText(null),
                json.path("signature").asText(null));
    }
}
