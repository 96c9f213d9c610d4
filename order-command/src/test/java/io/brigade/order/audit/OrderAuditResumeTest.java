package io.brigade.order.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.contracts.Topics;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.RunningService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The order service stops and starts again on its own database: its first checkpoint after the start goes on from the
 * Merkle frontier stored with the last one, and is exactly the checkpoint a fold of the whole store gives.
 */
@ExtendWith(OutputCaptureExtension.class)
class OrderAuditResumeTest {

    private static final DemoData DEMO = DemoData.load();

    @TempDir
    Path keys;

    @Test
    @DisplayName("After a restart the first checkpoint resumes from the stored frontier and equals a full fold's")
    void givenACheckpointBeforeAStop_whenStartedAgainWithMoreOrders_thenTheCheckpointEqualsAFullFolds(
            CapturedOutput output) {
        RunningService.Stage stage = new RunningService.Stage();
        // only the checkpoints this test asks for: the first one after each start is the one under test
        String[] properties = {"brigade.audit.signing.key-file=" + keys.resolve("order-command.pem"),
                "brigade.audit.checkpoint-interval=1h"};

        JsonNode beforeStop;
        try (RunningService service = stage.start(OrderServiceApplication.class, "order", properties)) {
            JdbcTemplate jdbc = service.bean(JdbcTemplate.class);
            DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    jdbc.queryForObject("select count(*) from dining_table", Integer.class) == DEMO.tables().size());
            openOrderWithLines(service, 1, 3);
            openOrderWithLines(service, 2, 2);
            beforeStop = checkpoint(service);
            assertThat(beforeStop.path("events").asLong()).isEqualTo(7);
            assertThat(jdbc.queryForObject("select up_to_global_index from audit_checkpoint_frontier", Long.class))
                    .isEqualTo(beforeStop.path("upToGlobalIndex").asLong());
        }

        JsonNode resumed;
        try (RunningService service = stage.start(OrderServiceApplication.class, "order", properties)) {
            openOrderWithLines(service, 3, 4);
            openOrderWithLines(service, 4, 1);
            resumed = checkpoint(service);
            assertThat(resumed.path("events").asLong()).isEqualTo(7 + 7);
            assertThat(resumed.path("upToGlobalIndex").asLong())
                    .isGreaterThan(beforeStop.path("upToGlobalIndex").asLong());
            assertThat(output.getOut()).contains("Resumed the audit Merkle tree from its stored frontier: 7 events "
                    + "up to global index " + beforeStop.path("upToGlobalIndex").asLong());
        }

        try (RunningService service = stage.start(OrderServiceApplication.class, "order", properties)) {
            service.bean(JdbcTemplate.class).update("delete from audit_checkpoint_frontier");
            JsonNode folded = checkpoint(service);
            assertThat(output.getOut()).contains("No stored Merkle frontier");
            for (String field : new String[]{"upToGlobalIndex", "events", "merkleRoot"}) {
                assertThat(resumed.path(field)).as(field).isEqualTo(folded.path(field));
            }
            JsonNode store = service.api().as("auditor", "AUDITOR").get("/api/v1/audit/orders/verify").body();
            assertThat(store.path("valid").asBoolean()).as(store.toString()).isTrue();
            assertThat(store.path("checkpoints").asInt()).isEqualTo(3);
        }
    }

    private static void openOrderWithLines(RunningService service, int table, int lines) {
        ApiClient waiter = service.api().as("waiter", "STAFF");
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", DEMO.table(table).id().toString(), "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        for (int i = 0; i < lines; i++) {
            var added = waiter.post("/api/v1/orders/" + opened.text("orderId") + "/lines",
                    Map.of("menuItemId", DEMO.item("Burrata").id().toString(), "quantity", 1));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
        }
    }

    private static JsonNode checkpoint(RunningService service) {
        var checkpoint = service.api().as("auditor", "AUDITOR").post("/api/v1/audit/orders/checkpoints", Map.of());
        assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(201);
        return checkpoint.body();
    }
}
