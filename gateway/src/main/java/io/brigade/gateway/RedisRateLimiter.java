package io.brigade.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Buckets in Redis, shared by every gateway instance; one atomic script per request, timed by Redis's own clock. If
 * Redis cannot be reached the request is let through: the limits protect the services, an outage of Redis should not
 * take the restaurant offline.
 */
class RedisRateLimiter implements RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    /** Answers 0 when a token was taken, else the milliseconds until one is back. */
    private static final RedisScript<Long> TAKE_TOKEN = RedisScript.of("""
            local rate = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or burst
            local at = tonumber(state[2]) or now
            tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
            local wait = 0
            if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) * 1000 / rate) end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
            return wait
            """, Long.class);

    private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
    private static final long NEVER = Long.MIN_VALUE;

    private final ReactiveStringRedisTemplate redis;
    private final AtomicLong lastWarning = new AtomicLong(NEVER);

    RedisRateLimiter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public Mono<Decision> take(String key, int perSecond, int burst) {
        return redis.execute(TAKE_TOKEN, List.of("brigade:rate:" + key),
                        List.of(Integer.toString(perSecond), Integer.toString(burst)))
                .next()
                .map(waitMillis -> waitMillis == 0 ? Decision.ALLOWED
                        : new Decision(false, Duration.ofMillis(waitMillis)))
                .onErrorResume(e -> {
                    warnAtMostOnceAMinute(e);
                    return Mono.just(Decision.ALLOWED);
                });
    }

    /** An outage fails every request's check; one line a minute says so without flooding the log. */
    private void warnAtMostOnceAMinute(Throwable error) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if ((last == NEVER || now - last >= WARNING_INTERVAL.toNanos()) && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are not applied: Redis did not answer ({})", error.toString());
        }
    }
}
