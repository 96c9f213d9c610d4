package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --processes}: PostgreSQL, Kafka and every service in OS processes of their own, each printed with its process
 * id; one killed with {@code kill -9} is started again on its own while the others go on, and when the devstack itself
 * is killed no part outlives it.
 */
@Tag("faults")
class DevstackProcessesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private DevstackInProcesses devstack;

    @AfterEach
    void cleanUp() throws Exception {
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void everyPartInItsOwnProcess_oneKilledComesBackAlone_andNothingOutlivesTheDevstack() throws Exception {
        int base = RunningDevstack.freeBase();
        devstack = DevstackInProcesses.start(base);
        Map<String, Long> pids = devstack.parts();
        assertThat(pids).containsOnlyKeys("PostgreSQL", "Kafka", "auth-service", "catalog-query", "order-command",
                "kitchen-command", "billing-command", "reporting-projection", "gateway");
        assertThat(pids.values()).doesNotHaveDuplicates()
                .allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .doesNotContain(devstack.process().pid());

        ProcessHandle.of(pids.get("order-command")).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> devstack.output().contains("order-command is back"));
        assertThat(ProcessHandle.of(pids.get("gateway")).map(ProcessHandle::isAlive))
                .as("the others went on").contains(true);
        String orderId = takeOrderToTheKitchen(base);
        System.out.println("After kill -9 of order-command, order " + orderId + " reached the kitchen");

        devstack.process().destroyForcibly();
        devstack.process().waitFor(30, TimeUnit.SECONDS);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pids.entrySet())
                .as("parts still running after the devstack was killed")
                .noneMatch(part -> !part.getKey().equals("order-command")
                        && ProcessHandle.of(part.getValue()).map(ProcessHandle::isAlive).orElse(false)));
        await().atMost(PATIENCE)
                .until(() -> EmbeddedPostgresServer.runningServer(devstack.data().resolve("postgres")).isEmpty());
    }

    private static String takeOrderToTheKitchen(int base) {
        ApiClient waiter = RunningDevstack.signedIn(base, "waiter");
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", RunningDevstack.DEMO.table(3).id().toString(),
                "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        var added = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                "menuItemId", RunningDevstack.DEMO.item("Brigade burger").id().toString(), "quantity", 1));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
        ApiClient cook = RunningDevstack.signedIn(base, "cook");
        await().atMost(PATIENCE).until(() -> {
            for (JsonNode ticket : cook.get("/api/v1/kitchen/board?station=grill").body()) {
                if (ticket.path("orderId").asText().equals(orderId)) {
                    return true;
                }
            }
            return false;
        });
        return orderId;
    }
}
