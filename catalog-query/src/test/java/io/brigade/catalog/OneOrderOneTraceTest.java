package io.brigade.catalog;

import io.brigade.platform.test.RecordedSpans;
import io.brigade.platform.test.StompClient;
import io.brigade.platform.test.TestTokens;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.brigade.catalog.RestaurantStage.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One order, one trace: the waiter's request to send an order to the kitchen starts a trace that the order, kitchen
 * and catalog services all continue through Kafka, in their spans and their log lines, up to the update pushed to the
 * kitchen screen.
 */
@ExtendWith(OutputCaptureExtension.class)
class OneOrderOneTraceTest {

    private static RestaurantStage restaurant;

    @BeforeAll
    static void start() {
        System.setProperty("brigade.test.record-spans", "true");
        System.setProperty("logging.level.io.brigade.platform.tracing", "DEBUG");
        restaurant = new RestaurantStage();
    }

    @AfterAll
    static void stop() {
        restaurant.close();
        System.clearProperty("brigade.test.record-spans");
        System.clearProperty("logging.level.io.brigade.platform.tracing");
    }

    @Test
    void theTraceOfTheSendRequestRunsThroughOrderKitchenAndCatalogToTheKitchenScreen(CapturedOutput output)
            throws Exception {
        try (StompClient screen = StompClient.connect("ws://localhost:" + restaurant.catalog.port() + "/ws",
                TestTokens.accessToken("cook", "KITCHEN"))) {
            List<StompClient.Received> board = screen.subscribe("/topic/kitchen");
            String orderId = restaurant.openOrder(6, "Brigade burger");
            restaurant.send(orderId);

            SpanData request = await().atMost(PATIENCE).until(() -> RecordedSpans.all().stream()
                    .filter(span -> span.getKind() == SpanKind.SERVER && span.getName().endsWith("/send"))
                    .findFirst().orElse(null), span -> span != null);
            String traceId = request.getTraceId();
            assertThat(RecordedSpans.service(request)).isEqualTo("order-command");

            await().atMost(PATIENCE).untilAsserted(() -> {
                Set<String> spans = RecordedSpans.ofTrace(traceId).stream()
                        .map(span -> RecordedSpans.service(span) + ": " + span.getName())
                        .collect(Collectors.toSet());
                assertThat(spans).contains(
                        "order-command: __axon-kafka-event-publishing-group OrderLinesSent",
                        "kitchen-command: kitchen-orders OrderLinesSent",
                        "kitchen-command: __axon-kafka-event-publishing-group TicketCreated",
                        "catalog-query: order-views OrderLinesSent",
                        "catalog-query: kitchen-board TicketCreated");
            });

            StompClient.Received ticket = StompClient.awaitMessage(board, message -> message.type().equals("order:new")
                    && message.data().path("orderId").asText().equals(orderId), PATIENCE);
            assertThat(ticket.traceparent()).as("the push to the kitchen screen").contains(traceId);

            // the services share one logging system in this JVM, so each line is told by its processor, whose
            // names are the order service's (publisher, fulfillment saga), the kitchen's and the catalog's
            await().atMost(PATIENCE).untilAsserted(() -> {
                List<String> lines = output.getAll().lines().filter(line -> line.contains(traceId)).toList();
                for (String handled : List.of("__axon-kafka-event-publishing-group handled OrderLinesSent",
                        "fulfillment handled OrderLinesSent", "kitchen-orders handled OrderLinesSent",
                        "order-views handled OrderLinesSent", "kitchen-board handled TicketCreated")) {
                    assertThat(lines).as("a log line in the trace: " + handled)
                            .anyMatch(line -> line.contains("\"message\":\"" + handled + "\""));
                }
            });
        }
    }
}
