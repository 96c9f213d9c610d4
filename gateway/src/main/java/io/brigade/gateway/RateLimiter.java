package io.brigade.gateway;

import reactor.core.publisher.Mono;

import java.time.Duration;

/** Token buckets by key: each request takes a token; tokens come back at a steady rate up to a burst. */
interface RateLimiter {

    /** Takes a token from the bucket of {@code key}; when there is none, answers how long until there is. */
    Mono<Decision> take(String key, int perSecond, int burst);

    record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }
}
