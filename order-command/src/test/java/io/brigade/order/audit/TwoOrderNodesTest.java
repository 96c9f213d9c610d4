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
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two instances of the order service share one event store, and both append to the same order at once. */
class TwoOrderNodesTest {

    private static final DemoData DEMO = DemoData.load();

    @TempDir
    Path keys;

    @Test
    @DisplayName("Two nodes appending to one order at once keep one valid chain, and sign with the key file they share")
    void twoNodesKeepOneChain() throws Exception {
        RunningService.Stage stage = new RunningService.Stage();
        Path keyFile = keys.resolve("audit/order-command.pem");
        String key = "brigade.audit.signing.key-file=" + keyFile;
        try (RunningService one = stage.start(OrderServiceApplication.class, "order", key);
             RunningService two = stage.start(OrderServiceApplication.class, "order", key)) {
            assertThat(keyFile).exists();
            assertThat(Files.readString(keys.resolve("audit/order-command.pub.pem"))).contains("PUBLIC KEY");
            JdbcTemplate jdbc = one.bean(JdbcTemplate.class);
            DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    jdbc.queryForObject("select count(*) from dining_table", Integer.class) == DEMO.tables().size());

            List<ApiClient> waiters = List.of(one.api().as("waiter", "STAFF"), two.api().as("waiter", "STAFF"));
            String order = waiters.get(0).post("/api/v1/orders",
                    Map.of("tableId", DEMO.table(5).id().toString(), "guests", 4)).text("orderId");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> adds = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                ApiClient waiter = waiters.get(i % 2);
                adds.add(pool.submit(() -> waiter.post("/api/v1/orders/" + order + "/lines",
                        Map.of("menuItemId", DEMO.item("Burrata").id().toString(), "quantity", 1)).status()));
            }
            int added = 0;
            for (Future<Integer> add : adds) {
                int status = add.get();
                assertThat(status).isIn(201, 409);
                added += status == 201 ? 1 : 0;
            }
            pool.shutdown();
            assertThat(added).isPositive();

            for (RunningService node : List.of(one, two)) {
                ApiClient auditor = node.api().as("auditor", "AUDITOR");
                JsonNode verdict = auditor.get("/api/v1/audit/orders/" + order + "/verify").body();
                assertThat(verdict.path("valid").asBoolean()).as(verdict.toString()).isTrue();
                assertThat(verdict.path("events").asInt()).isEqualTo(1 + added);
                assertThat(auditor.post("/api/v1/audit/orders/checkpoints", Map.of()).status()).isEqualTo(201);
            }
            JsonNode store = two.api().as("auditor", "AUDITOR").get("/api/v1/audit/orders/verify").body();
            assertThat(store.path("valid").asBoolean()).as(store.toString()).isTrue();
            assertThat(store.path("checkpoints").asInt()).isGreaterThanOrEqualTo(2);
        }
    }
}
