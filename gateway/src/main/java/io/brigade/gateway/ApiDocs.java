package io.brigade.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole API described in one OpenAPI document at {@code /api/docs/openapi.json}, merged from each service's own
 * description ({@code /v3/api-docs}) when asked, and Swagger UI on it at {@code /api/docs} (settings in
 * {@code gateway-api-docs.yml}). Both are public: they describe the API, and every call made from Swagger UI still
 * needs its access token. A service that does not answer is left out and named in the description.
 */
@Configuration
class ApiDocs {

    static final String MERGED = "/api/docs/openapi.json";
    private static final Duration PATIENCE = Duration.ofSeconds(3);
    private static final String BEARER = "bearer";

    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final WebClient http = WebClient.create();

    ApiDocs(GatewayProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    @Bean
    RouterFunction<ServerResponse> mergedApiDescription() {
        return RouterFunctions.route().GET(MERGED, request -> merged()
                .flatMap(document -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(document)))
                .build();
    }

    /** Ahead of the token check, which guards everything else. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiDocsAreOpen(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/docs", "/api/docs/**",
                        "/api/swagger-ui/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(a -> a.anyExchange().permitAll())
                .build();
    }

    Mono<ObjectNode> merged() {
        Map<String, URI> services = services();
        return Flux.fromIterable(services.entrySet())
                .flatMapSequential(service -> http.get().uri(service.getValue().resolve("/v3/api-docs"))
                        .retrieve().bodyToMono(JsonNode.class).timeout(PATIENCE)
                        .map(document -> Map.entry(service.getKey(), document))
                        .onErrorResume(unreachable -> Mono.empty()))
                .collectList()
                .map(documents -> merge(services.keySet(), documents));
    }

    private ObjectNode merge(Iterable<String> services, List<Map.Entry<String, JsonNode>> documents) {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.0.1");
        List<String> missing = new ArrayList<>();
        services.forEach(missing::add);
        documents.forEach(document -> missing.remove(document.getKey()));
        merged.putObject("info").put("title", "Brigade API").put("version", "v1").put("description",
                "Every service's part of the API, through the gateway. See docs/api.md for the conventions, roles and "
                        + "live updates." + (missing.isEmpty() ? "" : " Not reachable now: " + String.join(", ",
                        missing) + "."));
        merged.putArray("servers").addObject().put("url", "/");
        merged.putArray("security").addObject().putArray(BEARER);
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        components.putObject("securitySchemes").putObject(BEARER)
                .put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        for (Map.Entry<String, JsonNode> entry : documents) {
            JsonNode document = entry.getValue();
            document.path("tags").forEach(tags::add);
            fields(document.path("paths")).forEach((path, operations) -> {
                ObjectNode into = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
                fields(operations).forEach(into::set);
            });
            fields(document.path("components")).forEach((kind, named) -> {
                ObjectNode into = components.has(kind) ? (ObjectNode) components.get(kind) : components.putObject(kind);
                fields(named).forEach((name, definition) -> {
                    if (!into.has(name)) {
                        into.set(name, definition);
                    }
                });
            });
        }
        return merged;
    }

    private Map<String, URI> services() {
        GatewayProperties.Services services = properties.services();
        Map<String, URI> all = new LinkedHashMap<>();
        all.put("auth-service", services.auth());
        all.put("catalog-query", services.catalog());
        all.put("order-command", services.order());
        all.put("kitchen-command", services.kitchen());
        all.put("billing-command", services.billing());
        all.put("reporting-projection", services.reporting());
        return all;
    }

    private static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.put(field.getKey(), field.getValue());
        }
        return fields;
    }
}
