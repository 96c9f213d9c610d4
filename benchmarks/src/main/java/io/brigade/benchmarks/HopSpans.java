package io.brigade.benchmarks;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The spans of the traces a benchmark watches, as every service of the run ends them: an in-memory span processor
 * each service's tracer provider gets beside its own exporter, so a span is kept the moment it ends and none is
 * dropped by an export queue under load. Spans of other traces are ignored.
 */
final class HopSpans implements SpanProcessor {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");

    private final Map<String, List<SpanData>> byTrace = new ConcurrentHashMap<>();

    void watch(String traceId) {
        byTrace.put(traceId, new CopyOnWriteArrayList<>());
    }

    void forget(String traceId) {
        byTrace.remove(traceId);
    }

    /** The first span of the trace that {@code service} ended and that matches. */
    Optional<SpanData> find(String traceId, String service, Predicate<SpanData> matching) {
        return byTrace.getOrDefault(traceId, List.of()).stream()
                .filter(span -> service.equals(span.getResource().getAttribute(SERVICE)))
                .filter(matching)
                .findFirst();
    }

    List<SpanData> of(String traceId) {
        return List.copyOf(byTrace.getOrDefault(traceId, List.of()));
    }

    static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
    }

    @Override
    public boolean isStartRequired() {
        return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
        List<SpanData> spans = byTrace.get(span.getSpanContext().getTraceId());
        if (spans != null) {
            spans.add(span.toSpanData());
        }
    }

    @Override
    public boolean isEndRequired() {
        return true;
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
