package io.brigade.order;

import io.brigade.platform.test.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace of the waiter's request to send an order travels with what it caused: the command, the events stored,
 * and the records on the order topic, where the kitchen and the live views pick it up.
 */
@AutoConfigureObservability
class OrderTracesTest extends OrderServiceTestBase {

    @Test
    void theTraceOfTheSendRequestIsInTheStoredEventsAndOnTheOrderTopic() {
        String orderId = openOrder(5, 2);
        addLine(orderId, "Brigade burger", 1);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String callerSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        var sent = waiter.withHeader("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .post("/api/v1/orders/" + orderId + "/send", Map.of());
        assertThat(sent.status()).isEqualTo(200);

        String stored = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where aggregate_identifier = ? and payload_type like '%OrderLinesSent'", String.class, orderId);
        assertThat(stored).contains("\"traceparent\":\"00-" + traceId + "-");

        List<TopicReader.Record> records = TopicReader.readUntil(orderTopic(), read -> read.stream()
                .anyMatch(r -> r.key().equals(orderId) && r.type().endsWith("OrderLinesSent")), Duration.ofSeconds(15));
        TopicReader.Record linesSent = records.stream()
                .filter(r -> r.key().equals(orderId) && r.type().endsWith("OrderLinesSent")).findFirst().orElseThrow();
        assertThat(linesSent.metaData("traceparent")).startsWith("00-" + traceId + "-")
                .as("the service's own span, not the caller's").doesNotContain(callerSpan);
        TopicReader.Record opened = records.stream().filter(r -> r.key().equals(orderId)).findFirst().orElseThrow();
        assertThat(opened.metaData("traceparent")).as("an earlier request, another trace").doesNotContain(traceId);
    }
}
