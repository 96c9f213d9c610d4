package io.brigade.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Adds {@code brigade-defaults.properties} behind every other property source, so each default can be overridden. */
public class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("brigadeDefaults", new ClassPathResource("brigade-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        otlpEndpoint(environment).ifPresent(endpoint -> environment.getPropertySources().addLast(
                new MapPropertySource("brigadeOtlp", Map.of(OTLP_TRACING_ENDPOINT, endpoint))));
    }

    private static final String OTLP_TRACING_ENDPOINT = "management.otlp.tracing.endpoint";

    /**
     * Traces are exported only where OpenTelemetry's own variables name a collector: the traces endpoint as it is, or
     * the general endpoint with the traces path, as OpenTelemetry's SDKs read them. Without either nothing is sent.
     */
    static java.util.Optional<String> otlpEndpoint(ConfigurableEnvironment environment) {
        if (environment.containsProperty(OTLP_TRACING_ENDPOINT)) {
            return java.util.Optional.empty();
        }
        String traces = environment.getProperty("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        if (traces != null && !traces.isBlank()) {
            return java.util.Optional.of(traces);
        }
        String general = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        if (general != null && !general.isBlank()) {
            return java.util.Optional.of(general.replaceAll("/+$", "") + "/v1/traces");
        }
        return java.util.Optional.empty();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
