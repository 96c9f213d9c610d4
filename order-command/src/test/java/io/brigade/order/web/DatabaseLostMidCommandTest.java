package io.brigade.order.web;

import io.brigade.order.OrderServiceTestBase;
import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database connection a command is using breaks under it (the server restarted, say): the waiter is told to try
 * again (503), never told the line was added when it was not, and the same request sent again adds it once.
 */
class DatabaseLostMidCommandTest extends OrderServiceTestBase {

    @Test
    void aConnectionEndedWhileTheOrderIsLoaded_isA503AndNothingStored_andTheRetryAddsTheLineOnce() throws Exception {
        String orderId = openOrder(3, 2);
        String lineId = UUID.randomUUID().toString();
        Map<String, Object> line = Map.of("lineId", lineId, "menuItemId", DEMO.item("Brigade burger").id().toString(),
                "quantity", 1);

        CompletableFuture<ApiClient.Response> answer;
        try (Connection holder = jdbc.getDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("lock table domain_event_entry in access exclusive mode");
            }
            answer = CompletableFuture.supplyAsync(() -> waiter.post("/api/v1/orders/" + orderId + "/lines", line));
            List<Integer> waiting = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForList(
                    "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                            + " and pid <> pg_backend_pid()", Integer.class), pids -> !pids.isEmpty());
            waiting.forEach(pid -> jdbc.queryForObject("select pg_terminate_backend(?)", Boolean.class, pid));
            holder.rollback();
        }

        ApiClient.Response refused = answer.get(30, TimeUnit.SECONDS);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(lineEvents(orderId, lineId)).isZero();

        ApiClient.Response retried = waiter.post("/api/v1/orders/" + orderId + "/lines", line);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(lineEvents(orderId, lineId)).isOne();
    }

    private long lineEvents(String orderId, String lineId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                + "and payload_type like '%OrderLineAdded' and convert_from(payload, 'UTF8') like ?", Long.class,
                orderId, "%" + lineId + "%");
    }
}
