package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The devstack as an operator runs it, in a JVM of its own, killed with {@code kill -9} in the middle of a service:
 * the same command brings it back on the same data, with no manual step, no slower than an ordinary restart, and
 * nothing committed before the crash is missing. Each start is timed from the command to healthy: up, and a new order
 * taken through the gateway on the kitchen board (so every service's processors run again).
 */
@Tag("faults")
class DevstackCrashTest {

    private static final Duration START_PATIENCE = Duration.ofMinutes(6);
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern LEFTOVER_STOPPED = Pattern.compile(
            "PostgreSQL \\(process \\d+\\) stopped in ([0-9.]+) s");

    private final List<Process> started = new ArrayList<>();
    private Path data;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (data != null) {
            EmbeddedPostgresServer.runningServer(data.resolve("postgres")).ifPresent(ProcessHandle::destroy);
            FileSystemUtils.deleteRecursively(data);
        }
    }

    @Test
    void killedWithMinus9_theSameCommandStartsItAgain_theOrdersTakenBeforeAreThere_andNewOnesReachTheKitchen()
            throws Exception {
        data = Files.createTempDirectory("brigade-crash-test");
        int base = RunningDevstack.freeBase();

        Started first = startDevstack(base, "first start", 5);
        String orderBeforeCrash = first.order();
        long postgresServer = EmbeddedPostgresServer.runningServer(data.resolve("postgres")).orElseThrow().pid();

        first.process().destroyForcibly();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(postgresServer).map(ProcessHandle::isAlive))
                .as("PostgreSQL outlived the killed devstack, as a server in its own process does")
                .contains(true);

        Started afterCrash = startDevstack(base, "start after kill -9", 6);
        assertThat(ProcessHandle.of(postgresServer).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(afterCrash.output()).as("what the killed devstack held is released before any service starts")
                .contains("Released what a devstack that ended without stopping still held");
        ApiClient waiter = waiter(base);
        var order = waiter.get("/api/v1/orders/" + orderBeforeCrash);
        assertThat(order.status()).as(order.raw()).isEqualTo(200);
        assertThat(order.body().path("lines")).hasSize(2);
        await().atMost(PATIENCE).until(() -> onTheGrill(base, orderBeforeCrash));
        String orderAfterCrash = afterCrash.order();

        afterCrash.process().destroy();
        assertThat(afterCrash.process().waitFor(120, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        assertThat(EmbeddedPostgresServer.runningServer(data.resolve("postgres"))).as("stopped with it").isEmpty();

        Started ordinary = startDevstack(base, "ordinary restart", 7);
        assertThat(waiter(base).get("/api/v1/orders/" + orderAfterCrash).status()).isEqualTo(200);
        System.out.printf("Devstack to healthy (up, services starting): first start %.1f s (%.1f s, %.1f s),"
                        + " after kill -9 %.1f s (%.1f s, %.1f s), ordinary restart %.1f s (%.1f s, %.1f s);"
                        + " leftover PostgreSQL stopped in %.1f s%n",
                first.healthy(), first.up(), first.servicesStarting(), afterCrash.healthy(), afterCrash.up(),
                afterCrash.servicesStarting(), ordinary.healthy(), ordinary.up(), ordinary.servicesStarting(),
                afterCrash.leftoverStop());
        // No slower than an ordinary restart: the two waits a crash adds by nature (stopping the PostgreSQL server the
        // killed devstack left, and the broker's registration, refused until the dead broker's session ends) overlap
        // the start of PostgreSQL and of the first service. The 20 % and 5 s are the shared machine's noise between
        // two starts of the same work; a 10 s token claim or a serial broker wait would not fit in them.
        assertThat(afterCrash.healthy()).isLessThanOrEqualTo(ordinary.healthy() * 1.2 + 5);
    }

    private String takeOrderToTheKitchen(int base, int table) {
        ApiClient waiter = waiter(base);
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", RunningDevstack.DEMO.table(table).id().toString(),
                "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        var burger = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                "menuItemId", RunningDevstack.DEMO.item("Brigade burger").id().toString(), "quantity", 2));
        assertThat(burger.status()).as(burger.raw()).isEqualTo(201);
        var lemonade = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                "menuItemId", RunningDevstack.DEMO.item("House lemonade").id().toString(), "quantity", 1));
        assertThat(lemonade.status()).as(lemonade.raw()).isEqualTo(201);
        var sent = waiter.post("/api/v1/orders/" + orderId + "/send", Map.of());
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> onTheGrill(base, orderId));
        return orderId;
    }

    private static boolean onTheGrill(int base, String orderId) {
        JsonNode board = RunningDevstack.signedIn(base, "cook").get("/api/v1/kitchen/board?station=grill").body();
        for (JsonNode ticket : board) {
            if (ticket.path("orderId").asText().equals(orderId)) {
                return true;
            }
        }
        return false;
    }

    private static ApiClient waiter(int base) {
        return RunningDevstack.signedIn(base, "waiter");
    }


    /**
     * The README's command, {@code java ... io.brigade.devstack.Devstack}, on the test's ports and data folder, timed
     * until it is up and until an order for {@code table} is on the kitchen board.
     */
    private Started startDevstack(int base, String what, int table) throws IOException, InterruptedException {
        Path out = data.resolveSibling(data.getFileName() + "-" + what.replace(' ', '-') + ".out");
        ProcessBuilder command = RunningDevstack.devstackProcess(List.of("-Xmx1g"), data, base)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        long launched = System.nanoTime();
        Process process = command.start();
        started.add(process);
        Pattern up = Pattern.compile("Brigade is up \\(([0-9.]+) s\\)");
        long deadline = launched + START_PATIENCE.toNanos();
        double servicesStarting = 0;
        while (System.nanoTime() < deadline) {
            String output = Files.readString(out);
            if (servicesStarting == 0 && output.contains("Starting " + ServiceModule.ALL.get(0).name())) {
                servicesStarting = (System.nanoTime() - launched) / 1e9;
            }
            Matcher matcher = up.matcher(output);
            if (matcher.find()) {
                double upSeconds = (System.nanoTime() - launched) / 1e9;
                String order = takeOrderToTheKitchen(base, table);
                double healthy = (System.nanoTime() - launched) / 1e9;
                Matcher stopped = LEFTOVER_STOPPED.matcher(output);
                double leftoverStop = stopped.find() ? Double.parseDouble(stopped.group(1)) : 0;
                System.out.printf("%s: services starting after %.1f s, up in %.1f s (devstack says %s s), an order on"
                        + " the kitchen board in %.1f s%n", what, servicesStarting, upSeconds, matcher.group(1),
                        healthy);
                return new Started(process, servicesStarting, upSeconds, healthy, leftoverStop, order,
                        Files.readString(out));
            }
            assertThat(process.isAlive()).as(what + " ended early:\n" + output).isTrue();
            Thread.sleep(250);
        }
        throw new AssertionError(what + " not up within " + START_PATIENCE + ":\n" + Files.readString(out));
    }

    /**
     * Times from the command: to the first service starting (PostgreSQL and whatever a crash left in it are ready),
     * to "Brigade is up", and to an order on the kitchen board (healthy); {@code leftoverStop} is how long stopping the
     * PostgreSQL server of a killed devstack took, as the devstack printed it.
     */
    private record Started(Process process, double servicesStarting, double up, double healthy, double leftoverStop,
                           String order, String output) {
    }
}
