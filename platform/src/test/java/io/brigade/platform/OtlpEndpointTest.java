package io.brigade.platform;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Spans leave a service only when OpenTelemetry's own variables name a collector, read as its SDKs read them. */
class OtlpEndpointTest {

    @Test
    void withoutAnEndpointNothingIsExported() {
        assertThat(PlatformDefaults.otlpEndpoint(new MockEnvironment())).isEmpty();
        assertThat(PlatformDefaults.otlpEndpoint(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", " "))).isEmpty();
    }

    @Test
    void theGeneralEndpointGetsTheTracesPath() {
        assertThat(PlatformDefaults.otlpEndpoint(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/")))
                .contains("http://collector:4318/v1/traces");
    }

    @Test
    void theTracesEndpointIsTakenAsItIsAndSpringsOwnPropertyWins() {
        assertThat(PlatformDefaults.otlpEndpoint(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://traces:4318/custom")))
                .contains("http://traces:4318/custom");
        assertThat(PlatformDefaults.otlpEndpoint(new MockEnvironment()
                .withProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")
                .withProperty("management.otlp.tracing.endpoint", "http://chosen:4318/v1/traces"))).isEmpty();
    }
}
