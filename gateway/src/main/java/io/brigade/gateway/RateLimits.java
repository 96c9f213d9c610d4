package io.brigade.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * Limits request rates per client address and per signed-in user, answering 429 with {@code Retry-After}. The buckets
 * are in Redis when one is configured, in memory otherwise.
 */
@Configuration
class RateLimits {

    @Bean
    RateLimiter rateLimiter(GatewayProperties properties, ObjectProvider<ReactiveStringRedisTemplate> redis) {
        return properties.rateLimit().usesRedis() ? new RedisRateLimiter(redis.getObject()) : new InMemoryRateLimiter();
    }

    /** Before authentication (Spring Security's filter runs at -100), so floods of bad tokens are capped too. */
    @Bean
    WebFilter perAddressRateLimit(RateLimiter limiter, GatewayProperties properties) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        return new LimitFilter(-200, exchange -> Mono.just("address:" + address(exchange)), limiter,
                limits.perAddressPerSecond(), limits.perAddressBurst());
    }

    /** After authentication, before routing: keyed by the token's subject. */
    @Bean
    WebFilter perUserRateLimit(RateLimiter limiter, GatewayProperties properties) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        return new LimitFilter(-50, exchange -> exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(user -> "user:" + user.getName()), limiter, limits.perUserPerSecond(), limits.perUserBurst());
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** Takes a token from the bucket the request's key names (no key, no limit); refuses with 429 when empty. */
    record LimitFilter(int order, Function<ServerWebExchange, Mono<String>> key, RateLimiter limiter, int perSecond,
                       int burst) implements WebFilter, Ordered {

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            return key.apply(exchange)
                    .flatMap(k -> limiter.take(k, perSecond, burst))
                    .defaultIfEmpty(RateLimiter.Decision.ALLOWED)
                    .flatMap(decision -> decision.allowed() ? chain.filter(exchange) : refuse(exchange, decision));
        }

        private static Mono<Void> refuse(ServerWebExchange exchange, RateLimiter.Decision decision) {
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return Problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                    "Too many requests; slow down");
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
