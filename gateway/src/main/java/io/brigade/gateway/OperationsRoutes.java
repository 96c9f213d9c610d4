package io.brigade.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations endpoints of every service, reached through the gateway: {@code /api/v1/ops/{service}/processors},
 * {@code .../deadletters} and {@code .../replays} (and what lies below them) go to that service's
 * {@code /actuator/...}. Nothing else of a service's actuator is reachable this way; the service itself allows only
 * ADMIN tokens there.
 */
@Configuration
class OperationsRoutes {

    static final List<String> ENDPOINTS = List.of("processors", "deadletters", "replays");

    @Bean
    RouteLocator opsRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        RouteLocatorBuilder.Builder builder = routes.routes();
        services(properties.services()).forEach((name, uri) -> {
            String base = "/api/v1/ops/" + name + "/";
            String[] paths = ENDPOINTS.stream()
                    .flatMap(endpoint -> java.util.stream.Stream.of(base + endpoint, base + endpoint + "/**"))
                    .toArray(String[]::new);
            builder.route("ops-" + name, r -> r.path(paths)
                    .filters(f -> f.rewritePath("^" + base + "(?<endpoint>.*)$", "/actuator/${endpoint}"))
                    .uri(uri));
        });
        return builder.build();
    }

    /** The services by the name an operator uses in the path. */
    static Map<String, URI> services(GatewayProperties.Services services) {
        Map<String, URI> byName = new LinkedHashMap<>();
        byName.put("auth", services.auth());
        byName.put("order", services.order());
        byName.put("kitchen", services.kitchen());
        byName.put("billing", services.billing());
        byName.put("catalog", services.catalog());
        byName.put("reporting", services.reporting());
        return byName;
    }
}
