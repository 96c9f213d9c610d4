package io.brigade.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.messaging.MetaData;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The W3C trace context ({@code traceparent}, and {@code tracestate} when there is one) as message metadata, so a
 * trace follows a request into its command, the events it applied, Kafka (metadata travels as record headers), and
 * every handler in other services.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private final Tracer tracer;
    private final Propagator propagator;

    public TraceContext(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's context as metadata entries; empty outside any span. */
    public Map<String, String> current() {
        Span span = tracer.currentSpan();
        Map<String, String> carrier = new HashMap<>();
        if (span != null) {
            propagator.inject(span.context(), carrier, Map::put);
        }
        carrier.keySet().retainAll(java.util.Set.of(TRACEPARENT, TRACESTATE));
        return carrier;
    }

    /** A span that continues the trace a message carries, or a new trace when it carries none. */
    public Span continueFrom(MetaData metaData, String name) {
        Map<String, String> carrier = new HashMap<>();
        Optional.ofNullable(metaData.get(TRACEPARENT)).ifPresent(value -> carrier.put(TRACEPARENT, value.toString()));
        Optional.ofNullable(metaData.get(TRACESTATE)).ifPresent(value -> carrier.put(TRACESTATE, value.toString()));
        Span.Builder builder = carrier.isEmpty() ? tracer.spanBuilder() : propagator.extract(carrier, Map::get);
        return builder.name(name).kind(Span.Kind.CONSUMER).start();
    }

    public Tracer tracer() {
        return tracer;
    }
}
