package io.brigade.order.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.audit.EventHash;
import io.brigade.contracts.Topics;
import io.brigade.order.OrderServiceTestBase;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TopicReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** An auditor reads an order's trail, checks it, and sees the order as it stood at any instant. */
@TestPropertySource(properties = "brigade.audit.checkpoint-interval=1s")
class OrderAuditTrailTest extends OrderServiceTestBase {

    private ApiClient auditor() {
        return ApiClient.at("http://localhost:" + port).as("auditor", "AUDITOR");
    }

    @Test
    @DisplayName("Every event carries who, when and its chain; the chain verifies; checkpoints appear on their own")
    void eventsCarryWhoWhenAndTheirChain() {
        String order = openOrder(6, 2);
        addLine(order, "Burrata", 1);

        var events = auditor().get("/api/v1/audit/orders/" + order + "/events");
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.body()).hasSize(2);
        JsonNode opened = events.body().get(0);
        JsonNode added = events.body().get(1);
        assertThat(opened.path("sequence").asLong()).isZero();
        assertThat(opened.path("type").asText()).isEqualTo("io.brigade.contracts.order.OrderOpened");
        assertThat(opened.path("payload").path("guests").asInt()).isEqualTo(2);
        assertThat(opened.path("metadata").path("username").asText()).isEqualTo("waiter");
        assertThat(opened.path("metadata").path("role").asText()).isEqualTo("STAFF");
        assertThat(opened.path("metadata").path("correlationId").asText()).isNotBlank();
        assertThat(opened.path("previousHash").asText()).isEqualTo(EventHash.GENESIS);
        assertThat(added.path("previousHash").asText()).isEqualTo(opened.path("hash").asText());
        assertThat(added.path("hash").asText()).hasSize(64).isNotEqualTo(opened.path("hash").asText());
        assertThat(Instant.parse(added.path("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));

        var verdict = auditor().get("/api/v1/audit/orders/" + order + "/verify");
        assertThat(verdict.status()).isEqualTo(200);
        assertThat(verdict.body().path("valid").asBoolean()).isTrue();
        assertThat(verdict.body().path("events").asInt()).isEqualTo(2);
        assertThat(verdict.body().path("firstBrokenSequence").isNull()).isTrue();

        // within a few intervals the service signs and publishes a checkpoint covering both events by itself
        var published = TopicReader.readUntil(kafka.topic(Topics.AUDIT_CHECKPOINTS), records -> records.stream()
                .anyMatch(r -> r.json().contains("\"events\":" + eventCount())), Duration.ofSeconds(30));
        assertThat(published.get(0).key()).isEqualTo("order-command");

        var store = auditor().get("/api/v1/audit/orders/verify");
        assertThat(store.status()).isEqualTo(200);
        assertThat(store.body().path("valid").asBoolean()).as(store.raw()).isTrue();
        assertThat(store.body().path("checkpoints").asInt()).isPositive();
        assertThat(store.body().path("events").asLong()).isEqualTo(eventCount());
        assertThat(store.body().path("problems")).isEmpty();
    }

    @Test
    @DisplayName("state?at= shows the order as it stood: lines added, then one voided, then billed")
    void orderAsItStoodAtThreeInstants() throws Exception {
        String order = openOrder(7, 3);
        String burrata = addLine(order, "Burrata", 2);
        String calamari = addLine(order, "Crispy calamari", 1);
        Instant linesAdded = pause();

        assertThat(waiter.post("/api/v1/orders/" + order + "/send", Map.of()).status()).isEqualTo(200);
        assertThat(manager.post("/api/v1/orders/" + order + "/lines/" + calamari + "/void",
                Map.of("reason", "sent to the wrong table")).status()).isEqualTo(204);
        Instant voided = pause();

        assertThat(waiter.post("/api/v1/orders/" + order + "/bill", Map.of()).status()).isEqualTo(202);
        Instant billed = pause();

        long burrataCents = 2 * DEMO.item("Burrata").priceCents();
        long calamariCents = DEMO.item("Crispy calamari").priceCents();

        JsonNode first = state(order, linesAdded);
        assertThat(first.path("status").asText()).isEqualTo("OPEN");
        assertThat(lineStates(first)).containsExactly(burrata + "=NEW", calamari + "=NEW");
        assertThat(first.path("subtotalCents").asLong()).isEqualTo(burrataCents + calamariCents);
        assertThat(first.path("tableNumber").asInt()).isEqualTo(7);
        assertThat(first.path("guests").asInt()).isEqualTo(3);
        assertThat(first.path("waiter").path("name").asText()).isEqualTo("waiter");
        assertThat(first.path("version").asLong()).isEqualTo(2);

        JsonNode second = state(order, voided);
        assertThat(second.path("status").asText()).isEqualTo("IN_KITCHEN");
        assertThat(lineStates(second)).containsExactly(burrata + "=SENT", calamari + "=VOIDED");
        assertThat(second.path("subtotalCents").asLong()).isEqualTo(burrataCents);

        JsonNode third = state(order, billed);
        assertThat(third.path("status").asText()).isEqualTo("BILLED");
        assertThat(lineStates(third)).containsExactly(burrata + "=SENT", calamari + "=VOIDED");
        assertThat(third.path("version").asLong()).isGreaterThan(second.path("version").asLong());

        var before = auditor().get("/api/v1/audit/orders/" + order + "/state?at="
                + Instant.parse(first.path("openedAt").asText()).minusSeconds(60));
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("Only auditors and admins read the audit trail; without a token it is 401, as problem+json")
    void roleMatrix() {
        String order = openOrder(8, 2);
        List<String> paths = List.of("/api/v1/audit/orders/" + order + "/events",
                "/api/v1/audit/orders/" + order + "/verify", "/api/v1/audit/orders/verify",
                "/api/v1/audit/orders/" + order + "/state?at=" + Instant.now().plusSeconds(5),
                "/api/v1/audit/orders/export?aggregateId=" + order, "/api/v1/audit/orders/checkpoints",
                "/api/v1/audit/orders/keys");
        ApiClient api = ApiClient.at("http://localhost:" + port);
        List<String> wrong = new ArrayList<>();
        for (String path : paths) {
            expect(wrong, path, "AUDITOR", api.as("auditor", "AUDITOR").get(path), 200);
            expect(wrong, path, "ADMIN", api.as("admin", "ADMIN").get(path), 200);
            for (String role : List.of("MANAGER", "STAFF", "KITCHEN")) {
                expect(wrong, path, role, api.as(role.toLowerCase(), role).get(path), 403);
            }
            expect(wrong, path, "no token", api.get(path), 401);
        }
        expect(wrong, "POST checkpoints", "AUDITOR",
                api.as("auditor", "AUDITOR").post("/api/v1/audit/orders/checkpoints", Map.of()), 201);
        expect(wrong, "POST checkpoints", "MANAGER",
                api.as("manager", "MANAGER").post("/api/v1/audit/orders/checkpoints", Map.of()), 403);
        expect(wrong, "POST checkpoints", "no token", api.post("/api/v1/audit/orders/checkpoints", Map.of()), 401);
        assertThat(wrong).isEmpty();
    }

    @Test
    @DisplayName("An unknown order is 404 and a bad instant is 400, both as problem+json")
    void badInput() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/api/v1/audit/orders/" + unknown + "/events",
                "/api/v1/audit/orders/" + unknown + "/verify",
                "/api/v1/audit/orders/" + unknown + "/state?at=2026-11-30T19:30:00Z")) {
            var response = auditor().get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
        }
        String order = openOrder(9, 1);
        for (String at : List.of("yesterday", "2026-13-01T00:00:00Z", "2026-11-30", "")) {
            var response = auditor().get("/api/v1/audit/orders/" + order + "/state?at=" + at);
            assertThat(response.status()).as(at).isEqualTo(400);
            assertThat(response.contentType()).as(at).startsWith("application/problem+json");
        }
        var missing = auditor().get("/api/v1/audit/orders/" + order + "/state");
        assertThat(missing.status()).isEqualTo(400);
        var badRange = auditor().get("/api/v1/audit/orders/export?from=noon");
        assertThat(badRange.status()).isEqualTo(400);
        assertThat(badRange.contentType()).startsWith("application/problem+json");
    }

    private JsonNode state(String order, Instant at) {
        var response = auditor().get("/api/v1/audit/orders/" + order + "/state?at=" + at);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    private static List<String> lineStates(JsonNode view) {
        List<String> states = new ArrayList<>();
        view.path("lines").forEach(l -> states.add(l.path("lineId").asText() + "=" + l.path("state").asText()));
        return states;
    }

    /** An instant strictly between what was stored before it and what will be stored after it. */
    private static Instant pause() throws InterruptedException {
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        return between;
    }

    private static void expect(List<String> wrong, String path, String who, ApiClient.Response response, int status) {
        boolean problemJson = status < 400 || response.contentType().startsWith("application/problem+json");
        if (response.status() != status || !problemJson) {
            wrong.add(who + " " + path + " -> " + response.status() + " " + response.contentType());
        }
    }
}
