package io.brigade.order.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.AuditedEvent;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import io.brigade.audit.VerifyExport;
import io.brigade.order.OrderServiceTestBase;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone with write access to the order service's database changes it behind the service's back. The chains, the
 * signed checkpoints and the offline verifier of an export each find what they can, and name it.
 */
class TamperedOrderStoreTest extends OrderServiceTestBase {

    @TempDir
    Path dir;

    private ApiClient auditor;
    private static String a;
    private static String b;
    private static String c;
    private static String d;
    private static Instant afterB;

    /** Each test puts back what it changed, so the four orders and their checkpoint serve every test. */
    @BeforeEach
    void fourOrdersAndACheckpoint() {
        auditor = ApiClient.at("http://localhost:" + port).as("auditor", "AUDITOR");
        if (a != null) {
            assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
            return;
        }
        a = openOrder(1, 2);
        addLine(a, "Burrata", 2);
        addLine(a, "Crispy calamari", 1);
        b = openOrder(2, 2);
        addLine(b, "Burrata", 1);
        addLine(b, "Beef carpaccio", 1);
        afterB = pauseAndMark();
        c = openOrder(3, 4);
        addLine(c, "Burrata", 1);
        d = openOrder(4, 2);
        addLine(d, "Burrata", 2);
        addLine(d, "Beef carpaccio", 1);
        var checkpoint = auditor.post("/api/v1/audit/orders/checkpoints", Map.of());
        assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(201);
        assertThat(checkpoint.body().path("events").asLong()).isEqualTo(eventCount());
        assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
        assertThat(offline("")).contains("VALID").doesNotContain("INVALID");
        assertThat(offline("?from=" + afterB + "&to=" + Instant.now().plusSeconds(60)))
                .contains("events from " + afterB)
                .contains("holds: " + (rows(c).size() + rows(d).size()) + " events in 2 chains")
                .contains("VALID").doesNotContain("INVALID");
    }

    private static Instant pauseAndMark() {
        try {
            Thread.sleep(20);
            Instant mark = Instant.now();
            Thread.sleep(20);
            return mark;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("(a) One changed payload byte: verify names that sequence, every other order still verifies")
    void changedPayloadByte() {
        List<Map<String, Object>> original = rows(a);
        try {
            Map<String, Object> line = original.get(1);
            String payload = new String((byte[]) line.get("payload"), StandardCharsets.UTF_8);
            assertThat(payload).contains("\"quantity\":2");
            jdbc.update("update domain_event_entry set payload = ? where global_index = ?",
                    payload.replace("\"quantity\":2", "\"quantity\":3").getBytes(StandardCharsets.UTF_8),
                    line.get("global_index"));

            JsonNode verdict = auditor.get("/api/v1/audit/orders/" + a + "/verify").body();
            assertThat(verdict.path("valid").asBoolean()).isFalse();
            assertThat(verdict.path("firstBrokenSequence").asLong()).isEqualTo(1);
            assertThat(verdict.path("reason").asText()).contains("event 1 does not match its hash");
            for (String other : jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry "
                    + "where aggregate_identifier <> ?", String.class, a)) {
                assertThat(auditor.get("/api/v1/audit/orders/" + other + "/verify").body().path("valid").asBoolean())
                        .as(other).isTrue();
            }

            JsonNode store = storeVerdict();
            assertThat(store.path("valid").asBoolean()).isFalse();
            assertThat(store.path("problems")).hasSize(1);
            assertThat(store.path("problems").get(0).path("aggregateId").asText()).isEqualTo(a);
            assertThat(store.path("problems").get(0).path("sequence").asLong()).isEqualTo(1);

            assertThat(offline("")).contains("FIRST FAILURE: aggregate " + a + ": event 1 does not match its hash")
                    .contains("INVALID");
            assertThat(offline("?aggregateId=" + b)).contains("VALID").doesNotContain("INVALID");
        } finally {
            restore(original);
        }
        assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("(b) The newest event of an order deleted: its chain still looks valid, the checkpoint shows it")
    void newestEventDeleted() {
        List<Map<String, Object>> original = rows(b);
        try {
            jdbc.update("delete from domain_event_entry where global_index = ?",
                    original.get(original.size() - 1).get("global_index"));

            JsonNode chain = auditor.get("/api/v1/audit/orders/" + b + "/verify").body();
            assertThat(chain.path("valid").asBoolean()).isTrue();
            assertThat(chain.path("events").asInt()).isEqualTo(original.size() - 1);

            JsonNode store = storeVerdict();
            assertThat(store.path("valid").asBoolean()).isFalse();
            assertThat(store.path("problems").get(0).path("kind").asText()).isEqualTo("checkpoint");
            assertThat(store.path("problems").get(0).path("detail").asText()).contains("1 were deleted");

            assertThat(offline("?aggregateId=" + b)).contains("holds: " + (original.size() - 1) + " events in 1 chains")
                    .contains("1 were deleted").contains("INVALID");
        } finally {
            restore(original);
        }
        assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("(c) A whole order's stream deleted: reported by the checkpoint check")
    void wholeStreamDeleted() {
        List<Map<String, Object>> original = rows(c);
        try {
            jdbc.update("delete from domain_event_entry where aggregate_identifier = ?", c);

            var events = auditor.get("/api/v1/audit/orders/" + c + "/events");
            assertThat(events.status()).isEqualTo(404);

            JsonNode store = storeVerdict();
            assertThat(store.path("valid").asBoolean()).isFalse();
            assertThat(store.path("problems").get(0).path("detail").asText())
                    .contains(original.size() + " were deleted");

            assertThat(offline("?aggregateId=" + c)).contains(original.size() + " were deleted").contains("INVALID");
            assertThat(offline("")).contains(original.size() + " were deleted").contains("INVALID");
        } finally {
            restore(original);
        }
        assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("(d) An order's whole chain recomputed consistently with new hashes: the checkpoint check reports it")
    void chainRecomputed() {
        List<Map<String, Object>> original = rows(d);
        try {
            String previous = EventHash.GENESIS;
            for (Map<String, Object> row : original) {
                String payload = new String((byte[]) row.get("payload"), StandardCharsets.UTF_8)
                        .replace("\"quantity\":2", "\"quantity\":1");
                ObjectNode metadata = (ObjectNode) CanonicalJson.parse((byte[]) row.get("meta_data"));
                metadata.put("previousHash", previous);
                AuditedEvent forged = new AuditedEvent((Long) row.get("global_index"),
                        (String) row.get("event_identifier"), (String) row.get("type"), d,
                        (Long) row.get("sequence_number"), (String) row.get("payload_type"),
                        (String) row.get("time_stamp"), payload, metadata);
                String hash = forged.recompute().hash();
                metadata.put("hash", hash);
                jdbc.update("update domain_event_entry set payload = ?, meta_data = ? where global_index = ?",
                        payload.getBytes(StandardCharsets.UTF_8), metadata.toString().getBytes(StandardCharsets.UTF_8),
                        row.get("global_index"));
                previous = hash;
            }
            assertThat(auditor.get("/api/v1/audit/orders/" + d + "/events").raw()).contains("\"quantity\":1")
                    .doesNotContain("\"quantity\":2");

            JsonNode chain = auditor.get("/api/v1/audit/orders/" + d + "/verify").body();
            assertThat(chain.path("valid").asBoolean()).isTrue();

            JsonNode store = storeVerdict();
            assertThat(store.path("valid").asBoolean()).isFalse();
            assertThat(store.path("problems").get(0).path("detail").asText())
                    .contains("has a Merkle root the stored events no longer give");

            assertThat(offline("?aggregateId=" + d)).contains("holds: " + original.size() + " events in 1 chains")
                    .contains("Merkle root the stored events no longer give").contains("INVALID");
        } finally {
            restore(original);
        }
        assertThat(storeVerdict().path("valid").asBoolean()).isTrue();
    }

    private JsonNode storeVerdict() {
        var response = auditor.get("/api/v1/audit/orders/verify");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    /** Exports through the API and checks the file with the offline verifier and the service's published keys. */
    private String offline(String query) {
        try {
            Path export = Files.createTempFile(dir, "export", ".jsonl");
            HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/audit/orders/export" + query))
                    .header("Authorization", "Bearer " + TestTokens.accessToken("auditor", "AUDITOR")).build(),
                    HttpResponse.BodyHandlers.ofFile(export));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
            Path keys = dir.resolve("order-command-keys.json");
            Files.writeString(keys, auditor.get("/api/v1/audit/orders/keys").raw());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int exit = VerifyExport.run(new String[]{export.toString(), "--keys", keys.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(printed).isEqualTo(printed.contains("INVALID") ? 1 : 0);
            return printed;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<Map<String, Object>> rows(String aggregateId) {
        return jdbc.queryForList("select * from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", aggregateId);
    }

    private void restore(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            jdbc.update("delete from domain_event_entry where global_index = ?", row.get("global_index"));
            jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                            + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"),
                    row.get("event_identifier"), row.get("aggregate_identifier"), row.get("sequence_number"),
                    row.get("type"), row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"),
                    row.get("payload"), row.get("meta_data"));
        }
    }
}
