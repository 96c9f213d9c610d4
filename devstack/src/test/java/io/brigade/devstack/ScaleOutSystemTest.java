package io.brigade.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.StompClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static io.brigade.platform.test.StompClient.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of order-command and of catalog-query behind one gateway, sharing their databases and topics: a
 * screen on either catalog instance sees the same change, two order instances take changes to one order at the same
 * moment and store each exactly once, each decides on an order as the other last changed it, and when one order
 * instance stops the other carries on with its work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutSystemTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int ORDER_PORT = 8082;
    private static final int CATALOG_PORT = 8085;

    private static RunningDevstack restaurant;

    @BeforeAll
    static void startTwoOfEach() throws IOException {
        restaurant = RunningDevstack.startScaledOut(2, Set.of("order-command", "catalog-query"));
    }

    @AfterAll
    static void stop() throws IOException {
        if (restaurant != null) {
            restaurant.close();
        }
    }

    @Test
    @Order(1)
    void aScreenOnEachCatalogInstance_bothGetTheSamePush() throws Exception {
        String waiterToken = restaurant.signIn("waiter");
        ApiClient waiter = restaurant.gateway().withBearer(waiterToken);
        String orderId = open(waiter, 5);
        String destination = "/topic/orders." + orderId;
        try (StompClient onFirst = StompClient.connect(ws(1), waiterToken);
             StompClient onSecond = StompClient.connect(ws(2), waiterToken)) {
            List<StompClient.Received> first = onFirst.subscribe(destination);
            List<StompClient.Received> second = onSecond.subscribe(destination);
            awaitMessage(first, m -> m.body().path("version").asLong() == 0, PATIENCE);
            awaitMessage(second, m -> m.body().path("version").asLong() == 0, PATIENCE);

            addLine(waiter.post("/api/v1/orders/" + orderId + "/lines", line(UUID.randomUUID())));

            JsonNode seenFirst = awaitMessage(first, m -> m.data().path("lines").size() == 1, PATIENCE).body();
            JsonNode seenSecond = awaitMessage(second, m -> m.data().path("lines").size() == 1, PATIENCE).body();
            assertThat(seenSecond).isEqualTo(seenFirst);
            assertThat(seenFirst.path("type").asText()).isEqualTo("order:update");
            assertThat(seenFirst.path("version").asLong()).isEqualTo(1);
        }
    }

    @Test
    @Order(2)
    void twoOrderInstancesChangeOneOrderAtOnce_everyLineStoredOnce_noConflictReachesTheWaiter() throws Exception {
        String token = restaurant.signIn("waiter");
        String orderId = open(restaurant.gateway().withBearer(token), 6);
        List<ApiClient> instances = List.of(
                ApiClient.at(restaurant.instanceUrl(ORDER_PORT, 1)).withBearer(token),
                ApiClient.at(restaurant.instanceUrl(ORDER_PORT, 2)).withBearer(token));
        int perPhone = 12;
        List<String> asked = new ArrayList<>();
        // four phones, two on each instance, all adding lines to the one order at once
        ExecutorService phones = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> added = new ArrayList<>();
            for (int phone = 0; phone < 4; phone++) {
                ApiClient instance = instances.get(phone % 2);
                added.add(phones.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perPhone; i++) {
                        UUID lineId = UUID.randomUUID();
                        addLine(instance.post("/api/v1/orders/" + orderId + "/lines", line(lineId)));
                        mine.add(lineId.toString());
                    }
                    return mine;
                }));
            }
            for (Future<List<String>> phone : added) {
                asked.addAll(phone.get());
            }
        } finally {
            phones.shutdownNow();
        }

        List<String> stored = addedLines(orderId);
        assertThat(stored).as("lines stored, in order").containsExactlyInAnyOrderElementsOf(asked);
        assertThat(sequences(orderId)).as("the order's sequence numbers")
                .containsExactlyElementsOf(LongStream.rangeClosed(0, asked.size()).boxed().toList());
        ApiClient waiter = restaurant.gateway().withBearer(token);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                waiter.get("/api/v1/orders/" + orderId).body().path("lines").size()).isEqualTo(asked.size()));
    }

    @Test
    @Order(3)
    void eachOrderInstanceDecidesOnTheOthersChanges_aLineAddedOnOneIsRemovedOnTheOther() throws Exception {
        String token = restaurant.signIn("waiter");
        String orderId = open(restaurant.gateway().withBearer(token), 8);
        ApiClient first = ApiClient.at(restaurant.instanceUrl(ORDER_PORT, 1)).withBearer(token);
        ApiClient second = ApiClient.at(restaurant.instanceUrl(ORDER_PORT, 2)).withBearer(token);
        UUID onSecond = UUID.randomUUID();
        UUID onFirst = UUID.randomUUID();
        // each instance keeps the order as it last changed it; the other's later change must be seen all the same
        addLine(second.post("/api/v1/orders/" + orderId + "/lines", line(onSecond)));
        addLine(first.post("/api/v1/orders/" + orderId + "/lines", line(onFirst)));
        var removedOnSecond = second.delete("/api/v1/orders/" + orderId + "/lines/" + onFirst);
        assertThat(removedOnSecond.status()).as(removedOnSecond.raw()).isEqualTo(204);
        var removedOnFirst = first.delete("/api/v1/orders/" + orderId + "/lines/" + onSecond);
        assertThat(removedOnFirst.status()).as(removedOnFirst.raw()).isEqualTo(204);

        assertThat(sequences(orderId)).as("the order's sequence numbers").containsExactly(0L, 1L, 2L, 3L, 4L);
        ApiClient waiter = restaurant.gateway().withBearer(token);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                waiter.get("/api/v1/orders/" + orderId).body().path("lines").size()).isZero());
    }

    @Test
    @Order(4)
    void oneOrderInstanceStops_theOtherTakesItsCommandsAndPublishesTheirEvents() {
        String token = restaurant.signIn("waiter");
        ApiClient waiter = restaurant.gateway().withBearer(token);
        String orderId = open(waiter, 7);
        restaurant.stopInstance("order-command");
        long stopped = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            addLine(waiter.post("/api/v1/orders/" + orderId + "/lines", line(UUID.randomUUID())));
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
                waiter.get("/api/v1/orders/" + orderId).body().path("lines").size()).isEqualTo(3));
        System.out.printf("With one order-command instance stopped, its commands and their events went on through"
                + " the other: the order view had them %d ms after the stop%n", (System.nanoTime() - stopped) / 1_000_000);
    }

    private static String ws(int catalogInstance) {
        return restaurant.instanceUrl(CATALOG_PORT, catalogInstance).replace("http://", "ws://") + "/ws";
    }

    private static String open(ApiClient waiter, int table) {
        var opened = waiter.post("/api/v1/orders", Map.of("tableId", RunningDevstack.DEMO.table(table).id().toString(),
                "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        return opened.text("orderId");
    }

    private static Map<String, Object> line(UUID lineId) {
        return Map.of("lineId", lineId.toString(), "menuItemId",
                RunningDevstack.DEMO.item("Brigade burger").id().toString(), "quantity", 1);
    }

    private static void addLine(ApiClient.Response answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
    }

    private static List<String> addedLines(String orderId) throws SQLException {
        return query("select convert_from(payload, 'UTF8')::json ->> 'lineId' from domain_event_entry"
                + " where aggregate_identifier = ? and payload_type like '%.OrderLineAdded' order by sequence_number",
                orderId, rs -> rs.getString(1));
    }

    private static List<Long> sequences(String orderId) throws SQLException {
        return query("select sequence_number from domain_event_entry where aggregate_identifier = ?"
                + " order by sequence_number", orderId, rs -> rs.getLong(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> query(String sql, String orderId, Column<T> column) throws SQLException {
        try (Connection connection = DriverManager.getConnection(restaurant.databaseUrl("order_db"), "postgres",
                "postgres");
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, orderId);
            List<T> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(column.read(rs));
                }
            }
            return values;
        }
    }
}
