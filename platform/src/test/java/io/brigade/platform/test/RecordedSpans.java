package io.brigade.platform.test;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The spans every service of a test exports, kept in memory as an OTLP collector would receive them, when the test
 * sets {@code brigade.test.record-spans=true} (a system property reaches every service it starts).
 */
@AutoConfiguration
@ConditionalOnProperty("brigade.test.record-spans")
public class RecordedSpans {

    private static final int KEPT = 20_000;
    private static final ConcurrentLinkedDeque<SpanData> SPANS = new ConcurrentLinkedDeque<>();

    public static List<SpanData> all() {
        return new ArrayList<>(SPANS);
    }

    public static List<SpanData> ofTrace(String traceId) {
        return all().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    /** The name of the service that recorded the span (OpenTelemetry's {@code service.name}). */
    public static String service(SpanData span) {
        return span.getResource().getAttribute(io.opentelemetry.api.common.AttributeKey.stringKey("service.name"));
    }

    @Bean
    SpanExporter recordedSpansExporter() {
        return new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                SPANS.addAll(spans);
                while (SPANS.size() > KEPT) {
                    SPANS.pollFirst();
                }
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
        };
    }
}
