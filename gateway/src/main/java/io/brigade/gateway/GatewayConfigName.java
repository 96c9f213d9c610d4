package io.brigade.gateway;

import io.brigade.contracts.common.TraceExport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes the gateway read {@code gateway.yml} and run reactive, however it is started: on its own, or by the devstack
 * next to servlet services on one classpath (where Boot would otherwise pick a servlet server). Other applications in
 * the same JVM are left alone; {@link SharedClasspathFilter} keeps their auto-configuration out of the gateway. Its
 * spans go where the services' go: to the collector OpenTelemetry's variables name, if any.
 */
public class GatewayConfigName implements EnvironmentPostProcessor, Ordered {

    private static final String OTLP_TRACING_ENDPOINT = "management.otlp.tracing.endpoint";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(GatewayApplication.class)) {
            return;
        }
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        Map<String, Object> properties = new HashMap<>();
        properties.put(SharedClasspathFilter.GATEWAY_CONTEXT, true);
        if (!environment.containsProperty("spring.config.name")) {
            properties.put("spring.config.name", "gateway");
        }
        if (!environment.containsProperty(OTLP_TRACING_ENDPOINT)) {
            TraceExport.otlpTracesEndpoint(environment::getProperty)
                    .ifPresent(endpoint -> properties.put(OTLP_TRACING_ENDPOINT, endpoint));
        }
        environment.getPropertySources().addLast(new MapPropertySource("gatewayContext", properties));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
