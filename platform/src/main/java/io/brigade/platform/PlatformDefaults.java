package io.brigade.platform;

import io.brigade.contracts.common.TraceExport;
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

    /** The collector named by OpenTelemetry's variables, unless the Spring property is set itself. */
    static java.util.Optional<String> otlpEndpoint(ConfigurableEnvironment environment) {
        if (environment.containsProperty(OTLP_TRACING_ENDPOINT)) {
            return java.util.Optional.empty();
        }
        return TraceExport.otlpTracesEndpoint(environment::getProperty);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
