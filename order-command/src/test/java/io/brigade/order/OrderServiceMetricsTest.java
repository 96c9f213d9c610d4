package io.brigade.order;

import io.brigade.platform.test.PrometheusScrape;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What an operator's Prometheus reads of the order service, and how it moves when a waiter sends an order. */
@AutoConfigureObservability
class OrderServiceMetricsTest extends OrderServiceTestBase {

    private static final String PUBLISHER = "__axon-kafka-event-publishing-group";
    private static final Pattern UNBOUNDED = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-");

    @Test
    void sendingAnOrderMovesTheCommandAndProcessorFigures() {
        String url = "http://localhost:" + port;
        PrometheusScrape before = PrometheusScrape.of(url);
        Map<String, String> send = Map.of("service", "order-command", "commandType", "SendOrderLines");
        Map<String, String> publisher = Map.of("service", "order-command", "processor", PUBLISHER);

        String orderId = openOrder(3, 2);
        addLine(orderId, "Brigade burger", 1);
        assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
        assertThat(waiter.post("/api/v1/orders/" + java.util.UUID.randomUUID() + "/send", Map.of()).status())
                .as("no such order").isEqualTo(404);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.of(url);
            assertThat(after.sum("commandBus_successCounter_total", send))
                    .isEqualTo(before.sum("commandBus_successCounter_total", send) + 1);
            assertThat(after.sum("commandBus_failureCounter_total", send))
                    .isEqualTo(before.sum("commandBus_failureCounter_total", send) + 1);
            assertThat(after.sum("commandBus_allTimer_seconds_count", send))
                    .isEqualTo(before.sum("commandBus_allTimer_seconds_count", send) + 2);
            assertThat(after.has("commandBus_allTimer_seconds_bucket", send)).as("a histogram for p99").isTrue();
            assertThat(after.sum("eventProcessor_successCounter_total", publisher))
                    .isGreaterThanOrEqualTo(before.sum("eventProcessor_successCounter_total", publisher) + 3);
            double was = before.sum("brigade_processor_position", publisher);
            assertThat(after.sum("brigade_processor_position", publisher))
                    .as("a processor that has handled nothing has no position yet")
                    .isGreaterThan(Double.isNaN(was) ? -1 : was);
            assertThat(after.sum("brigade_processor_lag_events", publisher)).isZero();
        });

        PrometheusScrape now = PrometheusScrape.of(url);
        assertThat(now.sum("brigade_processor_state", Map.of("processor", PUBLISHER, "state", "running")))
                .isEqualTo(1);
        assertThat(now.sum("brigade_processor_state", Map.of("processor", PUBLISHER, "state", "error"))).isZero();
        assertThat(now.has("brigade_processor_segments", Map.of("processor", "fulfillment"))).isTrue();
        assertThat(now.has("brigade_kafka_consumer_lag_records", Map.of("processor", "fulfillment"))).isTrue();
        assertThat(now.has("brigade_kafka_consumer_lag_records", Map.of("processor", "menu"))).isTrue();
        assertThat(now.has("brigade_deadletters_events", Map.of("processor", "menu"))).isTrue();
        assertThat(now.has("eventProcessor_latency", publisher)).isTrue();
        assertThat(now.sum("eventProcessor_latency", publisher))
                .as("how old, in milliseconds, the last event the publisher handled was when it handled it")
                .isBetween(0.0, 60_000.0);
        assertThat(now.samples()).filteredOn(sample -> sample.name().startsWith("brigade_")
                        || sample.name().startsWith("commandBus_") || sample.name().startsWith("eventProcessor_"))
                .isNotEmpty()
                .allSatisfy(sample -> {
                    assertThat(sample.labels()).containsEntry("service", "order-command");
                    assertThat(sample.labels().values()).noneMatch(value -> UNBOUNDED.matcher(value).find());
                });
    }
}
