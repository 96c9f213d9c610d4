package io.brigade.gateway;

import io.brigade.contracts.common.TextRules;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Whatever the gateway refuses itself, or cannot forward, is a problem+json answer: an address the firewall will not
 * pass (400), a method nothing here answers (405), an address too long (414), a service that is down or absent (503),
 * that dropped the request without an answer (502) or too slow (504). Netty reads request lines far longer than that ({@code server.netty.max-initial-line-length})
 * so that the 414 is the gateway's own. Nothing of the gateway's insides reaches the client.
 */
@Configuration
class GatewayProblems {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblems.class);

    static final int MAX_URI_LENGTH = 8192;
    static final Set<HttpMethod> METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS);
    private static final String ALLOW = METHODS.stream().map(HttpMethod::name).sorted()
            .collect(Collectors.joining(", "));

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> undecodableRequests() {
        return factory -> factory.addServerCustomizers(server -> server.doOnChannelInit(
                (observer, channel, address) -> UndecodableRequests.addTo(channel)));
    }

    /** Before security and routing, so an impossible request is told so whoever sends it. */
    @Bean
    WebFilter methodsAndAddressLength() {
        return new MethodsAndAddressLength();
    }

    static final class MethodsAndAddressLength implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            if (!METHODS.contains(exchange.getRequest().getMethod())) {
                return methodNotAllowed(exchange);
            }
            URI uri = exchange.getRequest().getURI();
            int length = uri.getRawPath().length() + (uri.getRawQuery() == null ? 0 : uri.getRawQuery().length() + 1);
            if (length > MAX_URI_LENGTH) {
                return Problems.write(exchange.getResponse(), HttpStatus.URI_TOO_LONG, "uri-too-long",
                        "The address is longer than " + MAX_URI_LENGTH + " characters");
            }
            if (!TextRules.isPercentEncodedUtf8(uri.getRawPath())
                    || uri.getRawQuery() != null && !TextRules.isPercentEncodedUtf8(uri.getRawQuery())) {
                return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "bad-request",
                        "The address is not percent-encoded UTF-8");
            }
            return chain.filter(exchange);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    private static Mono<Void> methodNotAllowed(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, ALLOW);
        return Problems.write(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
                "Brigade answers only " + ALLOW);
    }

    @Bean
    ServerExchangeRejectedHandler problemExchangeRejectedHandler() {
        return (exchange, rejected) -> {
            if (!METHODS.contains(exchange.getRequest().getMethod())) {
                return methodNotAllowed(exchange);
            }
            return Problems.write(exchange.getResponse(), HttpStatus.BAD_REQUEST, "bad-request",
                    "The request's address or headers are not allowed");
        };
    }

    /** Ahead of Boot's handler, which would answer with its own JSON or an HTML page. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ErrorWebExceptionHandler problemErrorHandler() {
        return (exchange, error) -> {
            if (exchange.getResponse().isCommitted()) {
                return Mono.error(error);
            }
            exchange.getResponse().getHeaders().clear();
            return answer(exchange, error);
        };
    }

    private static Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        if (error instanceof ResponseStatusException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            if (status == null || status.is5xxServerError() && !unavailable(e)) {
                return failed(exchange, e);
            }
            if (unavailable(e)) {
                return down(exchange);
            }
            if (status == HttpStatus.GATEWAY_TIMEOUT) {
                return slow(exchange);
            }
            return Problems.write(exchange.getResponse(), status, status.name().toLowerCase().replace('_', '-'),
                    e.getReason() != null && status != HttpStatus.NOT_FOUND ? safe(e.getReason())
                            : status == HttpStatus.NOT_FOUND ? "There is nothing at this address"
                            : status.getReasonPhrase());
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, ConnectTimeoutException.class)) {
            return down(exchange);
        }
        if (causedBy(error, TimeoutException.class) || causedBy(error, ReadTimeoutException.class)) {
            return slow(exchange);
        }
        if (causedBy(error, IOException.class)) {
            return cutOff(exchange, error);
        }
        return failed(exchange, error);
    }

    private static boolean unavailable(ResponseStatusException e) {
        return e.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                || causedBy(e, ConnectException.class) || causedBy(e, ConnectTimeoutException.class);
    }

    private static Mono<Void> down(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
        return Problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service that answers " + exchange.getRequest().getPath().value()
                        + " is not available right now; try again shortly");
    }

    private static Mono<Void> slow(ServerWebExchange exchange) {
        return Problems.write(exchange.getResponse(), HttpStatus.GATEWAY_TIMEOUT, "gateway-timeout",
                "The service did not answer in time; try again");
    }

    /** The service's connection broke before its answer came (it died holding the request, say). */
    private static Mono<Void> cutOff(ServerWebExchange exchange, Throwable error) {
        log.warn("The service answering {} closed the connection without an answer: {}",
                exchange.getRequest().getPath().value(), error.toString());
        return Problems.write(exchange.getResponse(), HttpStatus.BAD_GATEWAY, "bad-gateway",
                "The service that answers " + exchange.getRequest().getPath().value()
                        + " closed the connection before it answered; whether a change was made is not known, so read"
                        + " before trying again, or send it again with the same ids");
    }

    private static Mono<Void> failed(ServerWebExchange exchange, Throwable error) {
        log.error("Request to {} failed in the gateway", exchange.getRequest().getPath().value(), error);
        return Problems.write(exchange.getResponse(), HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The gateway could not answer; try again");
    }

    /** A reason fit for a client: the first line, without anything that names Java classes. */
    private static String safe(String reason) {
        String line = reason.lines().findFirst().orElse("");
        return line.matches(".*\\b(java|javax|jakarta|org|io|com|reactor)\\.[a-z].*") ? "The request was refused"
                : line;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
