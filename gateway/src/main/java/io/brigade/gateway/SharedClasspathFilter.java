package io.brigade.gateway;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

import java.util.List;

/**
 * Keeps the gateway and the services apart when they share one classpath (the devstack runs them all in one JVM):
 * the gateway context does not configure the services' database, event store and Kafka, and a service context does not
 * configure the gateway's routing and Redis. With the gateway alone on its classpath nothing is filtered.
 */
public class SharedClasspathFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    static final String GATEWAY_CONTEXT = "brigade.gateway.context";

    private static final List<String> SERVICE_INFRASTRUCTURE = List.of(
            "io.brigade.platform.",
            "org.axonframework.",
            "org.springframework.boot.autoconfigure.jdbc.",
            "org.springframework.boot.autoconfigure.sql.",
            "org.springframework.boot.autoconfigure.orm.",
            "org.springframework.boot.autoconfigure.data.jpa.",
            "org.springframework.boot.autoconfigure.flyway.",
            "org.springframework.boot.autoconfigure.kafka.",
            "com.github.kagkarlsson.");

    private static final List<String> GATEWAY_INFRASTRUCTURE = List.of(
            "org.springframework.cloud.gateway.",
            "org.springframework.boot.autoconfigure.data.redis.",
            "org.springframework.boot.actuate.autoconfigure.data.redis.");

    private boolean gateway;

    @Override
    public void setEnvironment(Environment environment) {
        this.gateway = environment.getProperty(GATEWAY_CONTEXT, Boolean.class, false);
    }

    @Override
    public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
        List<String> excluded = gateway ? SERVICE_INFRASTRUCTURE : GATEWAY_INFRASTRUCTURE;
        boolean[] matches = new boolean[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            String candidate = candidates[i];
            matches[i] = candidate == null || excluded.stream().noneMatch(candidate::startsWith);
        }
        return matches;
    }
}
