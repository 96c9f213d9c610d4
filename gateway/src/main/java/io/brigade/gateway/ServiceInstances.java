package io.brigade.gateway;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR;

/**
 * Spreads requests over the instances of a service ({@code brigade.gateway.instances}). A request about one thing (an
 * order, a ticket, a bill: the first id in its path) always goes to the same instance while that instance answers, so
 * the changes to one aggregate rarely race each other across instances (when they do, the service sends the command
 * again); everything else, websockets included, goes round the instances in turn. An instance that refuses the
 * connection is left out for a few seconds, and the request, which it never received, goes to another one.
 * An operator's {@code /api/v1/ops/...} requests stay with the first instance.
 */
@Component
class ServiceInstances implements GlobalFilter, Ordered {

    private static final Pattern ID = Pattern.compile(
            "/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?:/|$)");
    private static final Duration LEFT_OUT = Duration.ofSeconds(5);

    /** Every instance of a service, by the address of its first one (the one its routes name). */
    private final Map<String, List<URI>> byFirst = new HashMap<>();
    private final Map<URI, Long> refusedUntil = new ConcurrentHashMap<>();
    private final AtomicLong turn = new AtomicLong();

    ServiceInstances(GatewayProperties properties) {
        OperationsRoutes.services(properties.services()).forEach((key, first) -> {
            List<URI> more = properties.instances().getOrDefault(key, List.of());
            if (first != null && !more.isEmpty()) {
                List<URI> all = new ArrayList<>(List.of(first));
                more.stream().filter(uri -> !uri.equals(first)).forEach(all::add);
                byFirst.put(authority(first), List.copyOf(all));
            }
        });
    }

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        Route route = exchange.getAttribute(GATEWAY_ROUTE_ATTR);
        List<URI> instances = url == null ? null : byFirst.get(authority(url));
        if (instances == null || (route != null && route.getId().startsWith("ops-"))) {
            return chain.filter(exchange);
        }
        return send(exchange, chain, url, instances, pinnedId(exchange.getRequest().getPath().value()), true);
    }

    private Mono<Void> send(ServerWebExchange exchange, GatewayFilterChain chain, URI url, List<URI> instances,
                            Optional<UUID> pinned, boolean mayTryAnother) {
        URI instance = choose(instances, pinned);
        exchange.getAttributes().put(GATEWAY_REQUEST_URL_ATTR, UriComponentsBuilder.fromUri(url)
                .host(instance.getHost()).port(instance.getPort()).build(true).toUri());
        return chain.filter(exchange).onErrorResume(ServiceInstances::refused, error -> {
            refusedUntil.put(instance, System.nanoTime() + LEFT_OUT.toNanos());
            if (!mayTryAnother || choose(instances, pinned).equals(instance)) {
                return Mono.error(error);
            }
            exchange.getAttributes().remove(GATEWAY_ALREADY_ROUTED_ATTR);
            return send(exchange, chain, url, instances, pinned, false);
        });
    }

    private URI choose(List<URI> instances, Optional<UUID> pinned) {
        long now = System.nanoTime();
        List<URI> answering = instances.stream().filter(instance -> {
            Long until = refusedUntil.get(instance);
            return until == null || until - now < 0;
        }).toList();
        List<URI> candidates = answering.isEmpty() ? instances : answering;
        long index = pinned.map(id -> (long) (id.hashCode() & Integer.MAX_VALUE)).orElseGet(turn::getAndIncrement);
        return candidates.get((int) (index % candidates.size()));
    }

    static Optional<UUID> pinnedId(String path) {
        Matcher id = ID.matcher(path);
        return id.find() ? Optional.of(UUID.fromString(id.group(1))) : Optional.empty();
    }

    private static boolean refused(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String authority(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
