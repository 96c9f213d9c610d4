package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.audit.VerifyExport;
import io.brigade.contracts.Topics;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.TestTokens;
import io.brigade.reporting.ReportingApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real order service and the reporting service on one stage: what the order service stores and signs reaches the
 * trail unchanged (same event ids, global indexes and hashes), and the trail's export of the order verifies offline
 * with nothing but the order service's published keys.
 */
class OrderTrailThroughReportingTest {

    private static final DemoData DEMO = DemoData.load();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    @DisplayName("An order's events and its service's checkpoint reach the trail as stored and signed, and its export "
            + "verifies offline")
    void orderTrailVerifies() throws Exception {
        RunningService.Stage stage = new RunningService.Stage();
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order",
                "brigade.audit.signing.key-file=" + dir.resolve("keys/order-command.pem"));
             RunningService reporting = stage.start(ReportingApplication.class, "reporting")) {
            JdbcTemplate orderDb = orders.bean(JdbcTemplate.class);
            DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
            await().atMost(PATIENCE).until(() -> orderDb.queryForObject("select count(*) from dining_table",
                    Integer.class) == DEMO.tables().size());

            ApiClient waiter = orders.api().as("waiter", "STAFF");
            String order = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(3).id().toString(),
                    "guests", 2)).text("orderId");
            for (String item : List.of("Burrata", "Burrata")) {
                assertThat(waiter.post("/api/v1/orders/" + order + "/lines", Map.of("menuItemId",
                        DEMO.item(item).id().toString(), "quantity", 1)).status()).isEqualTo(201);
            }
            ApiClient orderAuditor = orders.api().as("auditor", "AUDITOR");
            JsonNode checkpoint = orderAuditor.post("/api/v1/audit/orders/checkpoints", Map.of()).body();
            List<JsonNode> stored = list(orderAuditor.get("/api/v1/audit/orders/" + order + "/events").body());
            assertThat(stored).hasSize(3);

            ApiClient trailAuditor = reporting.api().as("auditor", "AUDITOR");
            JsonNode feed = await().atMost(PATIENCE).until(() -> trailAuditor.get("/api/v1/audit/events?aggregateId="
                    + order).body(), page -> page.path("total").asInt() == 3);
            List<JsonNode> newestFirst = list(feed.path("items"));
            for (int i = 0; i < 3; i++) {
                JsonNode inStore = stored.get(i);
                JsonNode inTrail = newestFirst.get(2 - i);
                for (String field : List.of("eventId", "globalIndex", "sequence", "type", "timestamp", "hash",
                        "previousHash", "aggregateType", "aggregateId", "service")) {
                    assertThat(inTrail.path(field)).as(field + " of event " + i).isEqualTo(inStore.path(field));
                }
                assertThat(inTrail.path("metadata").path("username").asText()).isEqualTo("waiter");
            }
            await().atMost(PATIENCE).until(() -> list(trailAuditor.get("/api/v1/audit/checkpoints?service="
                    + "order-command").body()).stream().anyMatch(c -> c.equals(checkpoint)));

            Path keys = Files.writeString(dir.resolve("order-command.jwks.json"),
                    orderAuditor.get("/api/v1/audit/orders/keys").raw());
            Path export = dir.resolve("order.jsonl");
            HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + reporting.port() + "/api/v1/audit/export?aggregateId=" + order))
                    .header("Authorization", "Bearer " + TestTokens.accessToken("auditor", "AUDITOR")).build(),
                    HttpResponse.BodyHandlers.ofFile(export));
            assertThat(response.statusCode()).isEqualTo(200);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            int code = VerifyExport.run(new String[]{export.toString(), "--keys", keys.toString()},
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(code).as(output).isZero();
            assertThat(output).contains("Audit export of order-command, aggregate " + order)
                    .contains("holds: 3 events in 1 chains").contains("VALID");
        }
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }
}
