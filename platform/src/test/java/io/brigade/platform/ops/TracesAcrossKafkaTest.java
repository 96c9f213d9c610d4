package io.brigade.platform.ops;

import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event that arrives from Kafka with a W3C trace context in its metadata is handled in a span of that trace: the
 * span is exported with the sender's span as its parent, and the handler's log lines carry the trace id.
 */
@ServiceIntegrationTest
@AutoConfigureObservability
@ExtendWith(OutputCaptureExtension.class)
@Import(TracesAcrossKafkaTest.Spans.class)
@TestPropertySource(properties = {
        "spring.application.name=pantry",
        "brigade.db.name=pantry_db",
        "brigade.kafka.consumers.pantry-shelf=brigade.catalog.events",
        "brigade.kafka.partitions=3"})
class TracesAcrossKafkaTest {

    /** Spans as an OTLP collector would receive them, kept in memory. */
    @TestConfiguration
    static class Spans {
        @Bean
        RecordingExporter recordingExporter() {
            return new RecordingExporter();
        }
    }

    static class RecordingExporter implements SpanExporter {
        final List<SpanData> spans = new CopyOnWriteArrayList<>();

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            spans.addAll(batch);
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }

    @Autowired
    PantryService.Shelf shelf;
    @Autowired
    BrigadeKafkaProperties kafka;
    @Autowired
    RecordingExporter exporter;

    @Test
    void anEventCarryingATraceIsHandledInThatTraceAndItsLogLinesSayWhich(CapturedOutput output) {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String senderSpan = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        MenuItemId traced = MenuItemId.random();
        MenuItemId untraced = MenuItemId.random();
        try (KafkaEventWriter writer = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", traced.toString(), 0, item(traced),
                    Map.of("traceparent", "00-" + traceId + "-" + senderSpan + "-01"));
            writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", untraced.toString(), 0, item(untraced),
                    Map.of());
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(shelf.traces).containsEntry(traced.toString(), traceId);
            assertThat(shelf.traces.get(untraced.toString())).as("an event without a trace starts its own")
                    .isNotNull().isNotEqualTo(traceId);
            assertThat(exporter.spans).anySatisfy(span -> {
                assertThat(span.getName()).isEqualTo("pantry-shelf MenuItemAdded");
                assertThat(span.getTraceId()).isEqualTo(traceId);
                assertThat(span.getParentSpanId()).isEqualTo(senderSpan);
            });
        });
        assertThat(output.getAll().lines().filter(line -> line.contains("Shelved " + traced)))
                .singleElement().asString().contains(traceId);
    }

    private static MenuItemAdded item(MenuItemId id) {
        return new MenuItemAdded(id, UUID.randomUUID(), "Macchiato", "", Money.ofCents(300), "bar", List.of(),
                List.of());
    }
}
