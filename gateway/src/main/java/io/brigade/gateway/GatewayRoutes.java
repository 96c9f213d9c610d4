package io.brigade.gateway;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Every path of docs/api.md to the service that owns it, without rewriting: writes go to the command services, reads of
 * live views to catalog-query, reports and the global audit feed to reporting-projection, each aggregate's audit
 * trail to the service that stores its events. {@code /ws} (STOMP) is proxied as a websocket to catalog-query.
 */
@Configuration
class GatewayRoutes {

    @Bean
    RouteLocator brigadeRoutes(RouteLocatorBuilder routes, GatewayProperties properties) {
        GatewayProperties.Services services = properties.services();
        return routes.routes()
                .route("auth", r -> r.path("/api/v1/auth/**").uri(services.auth()))
                .route("order-views", r -> r.path("/api/v1/orders", "/api/v1/orders/**").and().method(HttpMethod.GET)
                        .uri(services.catalog()))
                .route("orders", r -> r.path("/api/v1/orders", "/api/v1/orders/**").uri(services.order()))
                .route("kitchen-tickets", r -> r.path("/api/v1/kitchen/tickets/**").uri(services.kitchen()))
                .route("kitchen-board", r -> r.path("/api/v1/kitchen/board", "/api/v1/kitchen/board/**")
                        .uri(services.catalog()))
                .route("billing", r -> r.path("/api/v1/billing/**").uri(services.billing()))
                .route("catalog", r -> r.path("/api/v1/menu", "/api/v1/menu/**", "/api/v1/tables",
                        "/api/v1/tables/**", "/api/v1/settings", "/api/v1/settings/**", "/api/v1/floor",
                        "/api/v1/floor/**", "/api/v1/bills", "/api/v1/bills/**").uri(services.catalog()))
                .route("reports", r -> r.path("/api/v1/reports/**").uri(services.reporting()))
                .route("audit-orders", r -> r.path("/api/v1/audit/orders/**").uri(services.order()))
                .route("audit-tickets", r -> r.path("/api/v1/audit/tickets/**").uri(services.kitchen()))
                .route("audit-bills", r -> r.path("/api/v1/audit/bills/**").uri(services.billing()))
                .route("audit-catalog", r -> r.path("/api/v1/audit/catalog/**").uri(services.catalog()))
                .route("audit-events", r -> r.path("/api/v1/audit/events", "/api/v1/audit/events/**",
                        "/api/v1/audit/export", "/api/v1/audit/checkpoints").uri(services.reporting()))
                .route("live-updates", r -> r.path("/ws", "/ws/**").uri(services.catalog()))
                .build();
    }
}
