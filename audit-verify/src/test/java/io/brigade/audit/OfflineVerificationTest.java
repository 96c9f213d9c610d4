package io.brigade.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The offline verifier on exports written here, including ones a forger changed. */
class OfflineVerificationTest {

    @TempDir
    Path dir;

    final AuditKeys.SigningKey key = AuditKeys.generate();

    @Test
    @DisplayName("Keys round-trip through PEM and JWKS under the same RFC 7638 id")
    void keysRoundTrip() {
        AuditKeys.SigningKey read = AuditKeys.signingKey(AuditKeys.pem(key));
        assertThat(read.keyId()).isEqualTo(key.keyId());
        Map<String, PublicKey> fromJwks = AuditKeys.publicKeys(AuditKeys.jwks(List.of(key.publicKey())).toString());
        Map<String, PublicKey> fromPem = AuditKeys.publicKeys(AuditKeys.pem(key.publicKey()));
        assertThat(fromJwks).containsOnlyKeys(key.keyId());
        assertThat(fromPem).containsOnlyKeys(key.keyId());
        byte[] content = "checkpoint".getBytes(StandardCharsets.UTF_8);
        assertThat(AuditKeys.verify(fromJwks.get(key.keyId()), content, read.sign(content))).isTrue();
        assertThat(AuditKeys.verify(fromJwks.get(key.keyId()), "other".getBytes(), read.sign(content))).isFalse();
    }

    @Test
    @DisplayName("An untouched export is valid; a changed payload, a deleted newest event or a forged chain is not")
    void detectsForgeries() throws Exception {
        List<AuditedEvent> events = chain("order-1", 3, 1);
        events.addAll(chain("order-2", 2, 4));
        Checkpoint checkpoint = checkpoint(events);

        assertThat(verify(events, checkpoint)).contains("VALID").doesNotContain("INVALID");

        List<AuditedEvent> edited = new ArrayList<>(events);
        AuditedEvent second = edited.get(1);
        edited.set(1, new AuditedEvent(second.globalIndex(), second.eventId(), second.aggregateType(),
                second.aggregateId(), second.sequence(), second.type(), second.timestamp(),
                second.payload().replace("\"quantity\":1", "\"quantity\":9"), second.metadata()));
        assertThat(verify(edited, checkpoint)).contains("FIRST FAILURE: aggregate order-1: event 1 does not match")
                .contains("INVALID");

        List<AuditedEvent> truncated = new ArrayList<>(events);
        truncated.remove(4);
        assertThat(verify(truncated, checkpoint)).contains("holds: 4 events in 2 chains")
                .contains("counts 5 events, but 4 are stored up to there: 1 were deleted").contains("INVALID");

        List<AuditedEvent> forged = new ArrayList<>(events.subList(0, 3));
        forged.addAll(chain("order-2", 2, 4, 7));
        assertThat(verify(forged, checkpoint)).contains("holds: 5 events in 2 chains")
                .contains("has a Merkle root the stored events no longer give").contains("INVALID");
    }

    @Test
    @DisplayName("A chain names an event deleted from its middle; part of a stream verifies from wherever it starts")
    void chainsOnTheirOwn() {
        List<AuditedEvent> events = chain("order-1", 4, 1);
        ChainCheck gap = ChainCheck.fromFirstEvent("order-1");
        events.stream().filter(e -> e.sequence() != 1).forEach(gap::add);
        assertThat(gap.verdict()).isEqualTo(new ChainCheck.Verdict(false, 3, 1L,
                "event 1 is missing: the next stored event is 2"));

        ChainCheck tail = ChainCheck.fromAnyEvent("order-1");
        events.subList(2, 4).forEach(tail::add);
        assertThat(tail.verdict().valid()).isTrue();
        ChainCheck whole = ChainCheck.fromFirstEvent("order-1");
        events.subList(2, 4).forEach(whole::add);
        assertThat(whole.verdict().firstBrokenSequence()).isZero();
    }

    @Test
    @DisplayName("A checkpoint signed with a key that is not trusted does not count")
    void untrustedKeys() throws Exception {
        List<AuditedEvent> events = chain("order-1", 2, 1);
        Checkpoint forged = new Checkpoint("order-command", 2, 2, root(events), "2026-11-30T19:30:10.000Z", null,
                null).signedWith(AuditKeys.generate());
        assertThat(verify(events, forged)).contains("which is not a trusted key").contains("INVALID");
    }

    private String verify(List<AuditedEvent> events, Checkpoint checkpoint) throws Exception {
        Path export = dir.resolve("export-" + System.nanoTime() + ".jsonl");
        StringBuilder lines = new StringBuilder();
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("record", ExportFormat.HEADER)
                .put("service", "order-command");
        header.putObject("selection");
        lines.append(header).append('\n');
        events.forEach(e -> lines.append(ExportFormat.eventLine("order-command", e)).append('\n'));
        lines.append(ExportFormat.checkpoint(checkpoint)).append('\n');
        Files.writeString(export, lines);
        Path keys = dir.resolve("keys.pem");
        Files.writeString(keys, AuditKeys.pem(key.publicKey()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyExport.run(new String[]{export.toString(), "--keys", keys.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(printed.contains("INVALID") ? 1 : 0);
        return printed;
    }

    private Checkpoint checkpoint(List<AuditedEvent> events) {
        return new Checkpoint("order-command", events.get(events.size() - 1).globalIndex(), events.size(),
                root(events), "2026-11-30T19:30:10.000Z", null, null).signedWith(key);
    }

    private static String root(List<AuditedEvent> events) {
        MerkleTree tree = new MerkleTree();
        events.forEach(e -> tree.add(e.hash()));
        return tree.root();
    }

    static List<AuditedEvent> chain(String aggregateId, int length, long firstGlobalIndex) {
        return chain(aggregateId, length, firstGlobalIndex, 1);
    }

    static List<AuditedEvent> chain(String aggregateId, int length, long firstGlobalIndex, int quantity) {
        List<AuditedEvent> events = new ArrayList<>();
        String previous = EventHash.GENESIS;
        for (int sequence = 0; sequence < length; sequence++) {
            String payload = "{\"orderId\":\"" + aggregateId + "\",\"quantity\":" + quantity
                    + ",\"n\":" + sequence + "}";
            AuditedEvent event = hashed(new AuditedEvent(firstGlobalIndex + sequence, aggregateId + "-" + sequence,
                    "Order", aggregateId, sequence, "LineAdded", "2026-11-30T19:30:0" + sequence + ".000Z", payload,
                    JsonNodeFactory.instance.objectNode().put("userId", "u1").put("username", "waiter")
                            .put("role", "STAFF").put("previousHash", previous)));
            previous = event.hash();
            events.add(event);
        }
        return events;
    }

    private static AuditedEvent hashed(AuditedEvent event) {
        ObjectNode metadata = event.metadata().deepCopy();
        metadata.put("hash", event.recompute().hash());
        return new AuditedEvent(event.globalIndex(), event.eventId(), event.aggregateType(), event.aggregateId(),
                event.sequence(), event.type(), event.timestamp(), event.payload(), metadata);
    }
}
