package io.brigade.devstack;

import io.brigade.platform.embedded.EmbeddedPostgresServer;
import io.brigade.platform.test.ApiClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two order-command instances, each an OS process of its own ({@code --processes --instances 2 --scale
 * order-command}); the one holding the claim of the publishing processor (which puts the order store's events on
 * Kafka) is killed with {@code kill -9} while a waiter sends a line to the kitchen every half second. The other instance
 * takes the commands at once (the gateway leaves out an instance that refuses connections) and the publishing once the
 * dead one's claim times out; the test times both, and every line acknowledged reaches the kitchen exactly once. It
 * runs in {@code mvn verify} (about two and a half minutes, most of it the eight processes starting).
 */
class ScaleOutFailoverTest {

    private static final String PUBLISHING = "__axon-kafka-event-publishing-group";
    private static final Duration PROBE_EVERY = Duration.ofMillis(500);
    private static final Duration PROBING_AFTER_KILL = Duration.ofSeconds(40);
    /** Axon's token claim timeout (10 s), the claim retry, the kitchen's own hop, and this busy machine's slack. */
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(25);

    private DevstackInProcesses devstack;

    private record Probe(String lineId, String orderId, long sentMillis, int status, long[] onBoardMillis) {
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (devstack != null) {
            devstack.close();
        }
    }

    @Test
    void theInstanceThatPublishesIsKilled_theOtherTakesItsCommandsAndItsPublishing_noLineLostOrDoubled()
            throws Exception {
        int base = RunningDevstack.freeBase(2);
        devstack = DevstackInProcesses.start(base, "--instances", "2", "--scale", "order-command");
        Map<String, Long> pids = devstack.parts();
        assertThat(pids).containsKeys("order-command", "order-command-2");

        ApiClient waiter = RunningDevstack.signedIn(base, "waiter");
        ApiClient cook = RunningDevstack.signedIn(base, "cook");
        // orders on four tables, so that some are pinned to each instance
        List<String> orders = new ArrayList<>();
        for (int table = 1; table <= 4; table++) {
            var opened = waiter.post("/api/v1/orders", Map.of("tableId",
                    RunningDevstack.DEMO.table(table).id().toString(), "guests", 2));
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            orders.add(opened.text("orderId"));
        }
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            probes.add(probe(waiter, orders.get(i % orders.size()), 0));
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> onTheBoard(cook, probes, 0) == probes.size());

        long publisher = publishingOwner(base);
        String killed = pids.entrySet().stream().filter(p -> p.getValue() == publisher).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError("the publisher's owner " + publisher
                        + " is no order-command instance of " + pids));
        long killedAt = System.currentTimeMillis();
        ProcessHandle.of(publisher).orElseThrow().destroyForcibly();
        List<Probe> after = new ArrayList<>();
        int i = 0;
        while (System.currentTimeMillis() - killedAt < PROBING_AFTER_KILL.toMillis()) {
            after.add(probe(waiter, orders.get(i++ % orders.size()), killedAt));
            onTheBoard(cook, after, killedAt);
            Thread.sleep(PROBE_EVERY.toMillis());
        }
        List<Probe> acknowledged = after.stream().filter(p -> p.status() / 100 == 2).toList();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> onTheBoard(cook, acknowledged, killedAt) == acknowledged.size());

        StringBuilder table = new StringBuilder("kill -9 of " + killed + " (process " + publisher
                + ", the publishing processor's owner) under a line sent every " + PROBE_EVERY.toMillis() + " ms:\n");
        after.forEach(p -> table.append(String.format("  sent at %+6d ms: %d, on the kitchen board %s%n",
                p.sentMillis(), p.status(), p.onBoardMillis()[0] < 0 ? "never" : "after "
                        + (p.onBoardMillis()[0] - p.sentMillis()) + " ms")));
        long firstAnswered = acknowledged.isEmpty() ? -1 : acknowledged.get(0).sentMillis();
        long longestWait = acknowledged.stream().mapToLong(p -> p.onBoardMillis()[0] - p.sentMillis()).max()
                .orElse(-1);
        long publishingBack = acknowledged.stream().filter(p -> p.onBoardMillis()[0] >= 0)
                .mapToLong(p -> p.onBoardMillis()[0]).min().orElse(-1);
        table.append(String.format("%d of %d lines acknowledged (the others: %s); the first acknowledged was sent %d ms"
                        + " after the kill; the first acknowledged line was on the board %d ms after the kill; the"
                        + " longest a line waited for the board: %d ms%n", acknowledged.size(), after.size(),
                after.stream().filter(p -> p.status() / 100 != 2).map(p -> String.valueOf(p.status())).toList(),
                firstAnswered, publishingBack, longestWait));
        System.out.print(table);

        assertThat(after).as(table.toString()).allMatch(p -> p.status() / 100 == 2 || p.status() == 502
                || p.status() == 503);
        assertThat(acknowledged.size()).as(table.toString()).isGreaterThan(after.size() * 3 / 4);
        assertThat(publishingBack).as(table.toString()).isBetween(0L, FAILOVER_BOUND.toMillis());
        // a line added whose send was not answered goes with the order's next send: on the board once, or not at all
        Map<String, Integer> board = countOnTheBoard(cook);
        assertThat(board).as("every acknowledged line on the board").containsKeys(lineIds(probes))
                .containsKeys(lineIds(acknowledged));
        assertThat(lineIds(probes, after)).as("nothing else on the board")
                .contains(board.keySet().toArray(String[]::new));
        assertThat(board).as("no line twice").allSatisfy((line, count) -> assertThat(count).as(line).isEqualTo(1));
    }

    private static Probe probe(ApiClient waiter, String orderId, long since) {
        String lineId = UUID.randomUUID().toString();
        long sent = System.currentTimeMillis();
        int status;
        try {
            var added = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("lineId", lineId,
                    "menuItemId", RunningDevstack.DEMO.item("Brigade burger").id().toString(), "quantity", 1));
            status = added.status();
            if (status / 100 == 2) {
                status = waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status();
            }
        } catch (RuntimeException e) {
            status = 0;
        }
        return new Probe(lineId, orderId, sent - since, status, new long[]{-1});
    }

    /** Marks when each probe's line is first seen on the grill's board; answers how many are on it. */
    private static int onTheBoard(ApiClient cook, List<Probe> probes, long since) {
        Map<String, Integer> board = countOnTheBoard(cook);
        long now = System.currentTimeMillis() - since;
        int seen = 0;
        for (Probe probe : probes) {
            if (board.containsKey(probe.lineId())) {
                if (probe.onBoardMillis()[0] < 0) {
                    probe.onBoardMillis()[0] = now;
                }
                seen++;
            }
        }
        return seen;
    }

    private static Map<String, Integer> countOnTheBoard(ApiClient cook) {
        Map<String, Integer> lines = new HashMap<>();
        for (JsonNode ticket : cook.get("/api/v1/kitchen/board?station=grill").body()) {
            for (JsonNode item : ticket.path("items")) {
                lines.merge(item.path("lineId").asText(), 1, Integer::sum);
            }
        }
        return lines;
    }

    @SafeVarargs
    private static String[] lineIds(List<Probe>... probes) {
        return Arrays.stream(probes).flatMap(List::stream).map(Probe::lineId).toArray(String[]::new);
    }

    /** The process id in the owner ({@code pid@host}) of the publishing processor's first segment. */
    private static long publishingOwner(int base) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + (base + 10)
                + "/order_db", EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet owner = statement.executeQuery("select owner from token_entry where processor_name = '"
                     + PUBLISHING + "' and owner is not null order by segment limit 1")) {
            assertThat(owner.next()).as("the publishing processor has an owner").isTrue();
            return Long.parseLong(owner.getString(1).substring(0, owner.getString(1).indexOf('@')));
        }
    }
}
