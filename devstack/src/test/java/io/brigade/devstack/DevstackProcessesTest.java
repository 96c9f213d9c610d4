package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code --processes}: PostgreSQL, Kafka and every service in OS processes of their own, each printed with its process
 * id; one killed with {@code kill -9} is started again on its own while the others go on, and when the devstack itself
 * is killed no part outlives it.
 */
@Tag("faults")
class DevstackProcessesTest {

    private static final Pattern PART = Pattern.compile("^ {4}(\\S+)\\s+process (\\d+)", Pattern.MULTILINE);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Process devstack;
    private Path data;

    @AfterEach
    void cleanUp() throws Exception {
        if (devstack != null) {
            devstack.destroy();
            if (!devstack.waitFor(120, TimeUnit.SECONDS)) {
                devstack.destroyForcibly();
            }
        }
        if (data != null) {
            EmbeddedPostgresServer.runningServer(data.resolve("postgres")).ifPresent(ProcessHandle::destroy);
            FileSystemUtils.deleteRecursively(data);
        }
    }

    @Test
    void everyPartInItsOwnProcess_oneKilledComesBackAlone_andNothingOutlivesTheDevstack() throws Exception {
        data = Files.createTempDirectory("brigade-processes-test");
        int base = RunningDevstack.freeBase();
        Path out = data.resolveSibling(data.getFileName() + ".out");
        ProcessBuilder command = RunningDevstack.devstackProcess(List.of(), data, base, "--processes")
                .redirectErrorStream(true).redirectOutput(out.toFile());
        command.environment().put("BRIGADE_DB_FSYNC", "off");
        devstack = command.start();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(out).contains("Brigade is up") || !devstack.isAlive());
        String printed = Files.readString(out);
        assertThat(printed).as(printed).contains("Brigade is up");

        Map<String, Long> pids = new LinkedHashMap<>();
        Matcher matcher = PART.matcher(printed);
        while (matcher.find()) {
            pids.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        assertThat(pids).containsOnlyKeys("PostgreSQL", "Kafka", "auth-service", "catalog-query", "order-command",
                "kitchen-command", "billing-command", "reporting-projection", "gateway");
        assertThat(pids.values()).doesNotHaveDuplicates()
                .allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .doesNotContain(devstack.pid());

        ProcessHandle.of(pids.get("order-command")).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.readString(out).contains("order-command is back"));
        assertThat(ProcessHandle.of(pids.get("gateway")).map(ProcessHandle::isAlive))
                .as("the others went on").contains(true);
        String orderId = takeOrderToTheKitchen(base);
        System.out.println("After kill -9 of order-command, order " + orderId + " reached the kitchen");

        devstack.destroyForcibly();
        devstack.waitFor(30, TimeUnit.SECONDS);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(pids.entrySet())
                .as("parts still running after the devstack was killed")
                .noneMatch(part -> !part.getKey().equals("order-command")
                        && ProcessHandle.of(part.getValue()).map(ProcessHandle::isAlive).orElse(false)));
        await().atMost(PATIENCE).until(() -> EmbeddedPostgresServer.runningServer(data.resolve("postgres")).isEmpty());
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
