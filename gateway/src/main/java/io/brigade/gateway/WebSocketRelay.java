package io.brigade.gateway;

import io.netty.channel.Channel;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.client.WebSocketClient;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.isAlreadyRouted;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.setAlreadyRouted;

/**
 * Relays a websocket (the app's STOMP connection on {@code /ws}) to the service behind the route. A STOMP client
 * sends CONNECT the moment the upgrade is answered, and that frame must never be lost (such a client waits for
 * CONNECTED until it gives up). So the upgrade runs on the app connection's own event loop (the filter chain may
 * have moved to another thread, and an upgrade done from there lost about one first frame in fifty), and the app is
 * read from the upgrade on, its frames waiting for the connection to the service. A client that reads nothing is
 * disconnected after the send time limit ({@link WebSocketSendLimit}). Runs just before Spring Cloud Gateway's own
 * websocket routing.
 */
@Component
class WebSocketRelay implements GlobalFilter, Ordered {

    /** {@link WebsocketRoutingFilter}'s place in the chain, just before Netty's routing of plain requests. */
    private static final int WEBSOCKET_ROUTING_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    private final WebSocketClient client;
    private final WebSocketService upgrades;
    private final Duration sendTimeLimit;

    WebSocketRelay(WebSocketClient client, WebSocketService upgrades, GatewayProperties properties) {
        this.client = client;
        this.upgrades = upgrades;
        this.sendTimeLimit = properties.websocket().sendTimeLimit();
    }

    @Override
    public int getOrder() {
        return WEBSOCKET_ROUTING_ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders request = exchange.getRequest().getHeaders();
        if (isAlreadyRouted(exchange) || !"websocket".equalsIgnoreCase(request.getUpgrade())) {
            return chain.filter(exchange);
        }
        setAlreadyRouted(exchange);
        URI route = exchange.getRequiredAttribute(GATEWAY_REQUEST_URL_ATTR);
        URI service = UriComponentsBuilder.fromUri(route)
                .scheme("https".equalsIgnoreCase(route.getScheme()) ? "wss" : "ws").build(true).toUri();
        Optional<Channel> appChannel = channelOf(exchange);
        Mono<Void> upgrade = Mono.defer(() -> upgrades.handleRequest(exchange,
                new Relay(service, forwarded(request), protocols(request), appChannel)));
        return appChannel.map(channel -> upgrade.subscribeOn(Schedulers.fromExecutor(channel.eventLoop())))
                .orElse(upgrade);
    }

    /** The app's connection, where the gateway runs on Netty. */
    private static Optional<Channel> channelOf(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        return nativeRequest instanceof Connection connection ? Optional.of(connection.channel()) : Optional.empty();
    }

    /** The client's headers for the service (its token, correlation id, forwarded address), not the handshake's. */
    private static HttpHeaders forwarded(HttpHeaders request) {
        HttpHeaders headers = new HttpHeaders();
        request.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("sec-websocket") && !List.of("host", "connection", "upgrade").contains(lower)) {
                headers.addAll(name, values);
            }
        });
        return headers;
    }

    private static List<String> protocols(HttpHeaders request) {
        List<String> offered = request.get("Sec-WebSocket-Protocol");
        return offered == null ? List.of() : offered.stream()
                .flatMap(value -> Arrays.stream(StringUtils.tokenizeToStringArray(value, ","))).toList();
    }

    private final class Relay implements WebSocketHandler {

        private final URI service;
        private final HttpHeaders headers;
        private final List<String> protocols;
        private final Optional<Channel> appChannel;

        private Relay(URI service, HttpHeaders headers, List<String> protocols, Optional<Channel> appChannel) {
            this.service = service;
            this.headers = headers;
            this.protocols = protocols;
            this.appChannel = appChannel;
        }

        @Override
        public List<String> getSubProtocols() {
            return protocols;
        }

        @Override
        public Mono<Void> handle(WebSocketSession app) {
            appChannel.ifPresent(channel -> WebSocketSendLimit.guard(channel, sendTimeLimit));
            Sinks.Many<WebSocketMessage> fromApp = Sinks.many().unicast().onBackpressureBuffer();
            Disposable reading = app.receive().doOnNext(WebSocketMessage::retain)
                    .subscribe(fromApp::tryEmitNext, fromApp::tryEmitError, fromApp::tryEmitComplete);
            return client.execute(service, headers, new WebSocketHandler() {
                @Override
                public List<String> getSubProtocols() {
                    return protocols;
                }

                @Override
                public Mono<Void> handle(WebSocketSession toService) {
                    Mono.when(
                            toService.closeStatus().filter(status -> app.isOpen())
                                    .flatMap(status -> app.close(relayable(status))),
                            app.closeStatus().filter(status -> toService.isOpen())
                                    .flatMap(status -> toService.close(relayable(status)))
                    ).onErrorComplete().subscribe();
                    return Mono.zip(
                            toService.send(fromApp.asFlux()),
                            app.send(toService.receive().doOnNext(WebSocketMessage::retain))
                    ).then();
                }
            }).doFinally(signal -> reading.dispose());
        }
    }

    /** Codes a close frame may carry on (RFC 6455 7.4); the others become a protocol error. */
    private static CloseStatus relayable(CloseStatus status) {
        int code = status.getCode();
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011)
                || (code >= 3000 && code <= 4999);
        return sendable ? status : CloseStatus.PROTOCOL_ERROR;
    }
}
