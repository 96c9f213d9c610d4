package io.brigade.gateway;

import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One log line per request: correlation id, method, path, status and duration. The correlation id is the caller's
 * {@code X-Correlation-Id} when it is a sane token, a new one otherwise; it goes on to the service (which puts it on
 * the commands and events) and back to the caller. The line carries the request's trace id too, the trace the
 * service continues from the {@code traceparent} header the gateway adds. Runs first, so refused requests are logged.
 */
@Component
class RequestLog implements WebFilter, Ordered {

    static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Logger log = LoggerFactory.getLogger("io.brigade.gateway.requests");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String given = exchange.getRequest().getHeaders().getFirst(CORRELATION_HEADER);
        String correlationId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(CORRELATION_HEADER, correlationId)).build();
        exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
        return chain.filter(exchange.mutate().request(request).build())
                .doFinally(signal -> logRequest(correlationId, request, exchange, started));
    }

    private static void logRequest(String correlationId, ServerHttpRequest request, ServerWebExchange exchange,
                                   long started) {
        try (var ignored = MDC.putCloseable("correlationId", correlationId);
             var trace = MDC.putCloseable("traceId", traceId(exchange))) {
            log.info("{} {} {} {} {}ms", correlationId, request.getMethod(), request.getPath().value(),
                    exchange.getResponse().getStatusCode() == null ? "-"
                            : exchange.getResponse().getStatusCode().value(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** The trace the request's server observation started or continued, which goes on to the service. */
    private static String traceId(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(span -> span.context().traceId())
                .orElse(null);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
