package io.brigade.gateway;

import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Buckets in this gateway's memory: right for one gateway instance; several instances need Redis. */
class InMemoryRateLimiter implements RateLimiter {

    private static final int FORGET_ABOVE = 50_000;
    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(int burst, long now) {
            this.tokens = burst;
            this.refilledAt = now;
        }
    }

    @Override
    public Mono<Decision> take(String key, int perSecond, int burst) {
        long now = System.nanoTime();
        if (buckets.size() > FORGET_ABOVE) {
            buckets.values().removeIf(b -> now - b.refilledAt > IDLE_NANOS);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * perSecond / 1e9);
            bucket.refilledAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Mono.just(Decision.ALLOWED);
            }
            long waitNanos = (long) Math.ceil((1 - bucket.tokens) * 1e9 / perSecond);
            return Mono.just(new Decision(false, Duration.ofNanos(waitNanos)));
        }
    }
}
