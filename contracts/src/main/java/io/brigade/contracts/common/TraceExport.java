package io.brigade.contracts.common;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where every Brigade process, services and gateway alike, sends its spans: only where OpenTelemetry's own variables
 * name a collector, read as OpenTelemetry's SDKs read them. Without either variable nothing is sent.
 */
public final class TraceExport {

    public static final String TRACES_ENDPOINT = "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT";
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private TraceExport() {
    }

    /** The traces endpoint as it is, or the general endpoint with the traces path added. */
    public static Optional<String> otlpTracesEndpoint(UnaryOperator<String> variables) {
        String traces = variables.apply(TRACES_ENDPOINT);
        if (traces != null && !traces.isBlank()) {
            return Optional.of(traces.strip());
        }
        String general = variables.apply(ENDPOINT);
        if (general != null && !general.isBlank()) {
            return Optional.of(general.strip().replaceAll("/+$", "") + "/v1/traces");
        }
        return Optional.empty();
    }
}
