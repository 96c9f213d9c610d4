package io.brigade.auth.login;

import io.brigade.auth.config.AuthProperties;
import io.brigade.platform.problem.TooManyRequestsException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins in a sliding window, three ways: one address guessing one account's password (tight), many
 * addresses against one account, and one address against any accounts. A restaurant's staff share one public address,
 * so the per-address limit is far above what a whole staff mistyping ever reaches, and neither it nor the per-account
 * limit counts against an account signing in from an address it recently signed in from: one person's failures on
 * the shared connection never keep a colleague out. A limit only holds while the failures are inside the window, so an
 * attacker can keep a real user out for at most one window. Counters live in this instance's memory.
 */
@Component
public class LoginThrottle {

    private static final Duration KNOWN_ADDRESS_FOR = Duration.ofHours(12);

    private final AuthProperties.LoginLimits limits;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Map<String, Instant> knownAddresses = new ConcurrentHashMap<>();

    public LoginThrottle(AuthProperties properties, Clock clock) {
        this.limits = properties.loginLimits();
        this.clock = clock;
    }

    /** Refuses with 429 when a limit is reached; otherwise the attempt may go ahead. */
    public void checkAllowed(String username, String address) {
        Instant now = clock.instant();
        String account = username.toLowerCase(Locale.ROOT);
        boolean known = isKnown(account, address, now);
        Optional<Duration> wait = retryAfter("pair:" + account + "|" + address, limits.failuresPerAccountAndAddress(), now)
                .or(() -> known ? Optional.empty()
                        : retryAfter("address:" + address, limits.failuresPerAddress(), now))
                .or(() -> known ? Optional.empty()
                        : retryAfter("account:" + account, limits.failuresPerAccount(), now));
        wait.ifPresent(duration -> {
            throw new TooManyRequestsException("Too many failed logins; try again later", duration);
        });
    }

    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        String account = username.toLowerCase(Locale.ROOT);
        record("pair:" + account + "|" + address, now);
        record("address:" + address, now);
        record("account:" + account, now);
    }

    public void recordSuccess(String username, String address) {
        String account = username.toLowerCase(Locale.ROOT);
        failures.remove("pair:" + account + "|" + address);
        knownAddresses.put(account + "|" + address, clock.instant());
    }

    private boolean isKnown(String account, String address, Instant now) {
        Instant lastSuccess = knownAddresses.get(account + "|" + address);
        return lastSuccess != null && lastSuccess.plus(KNOWN_ADDRESS_FOR).isAfter(now);
    }

    private Optional<Duration> retryAfter(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            dropOlderThanWindow(times, now);
            if (times.size() < limit) {
                return Optional.empty();
            }
            // the attempt is allowed again when enough of the failures have left the window
            Instant freed = List.copyOf(times).get(times.size() - limit);
            return Optional.of(Duration.between(now, freed.plus(limits.window())));
        }
    }

    private void record(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            dropOlderThanWindow(times, now);
            times.addLast(now);
        }
    }

    private void dropOlderThanWindow(Deque<Instant> times, Instant now) {
        Instant start = now.minus(limits.window());
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
    }

    /** Keeps memory bounded: forgets counters with nothing left in the window and addresses no longer known. */
    @Scheduled(fixedDelayString = "PT1M")
    public void forgetOld() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(entry -> {
            synchronized (entry.getValue()) {
                dropOlderThanWindow(entry.getValue(), now);
                return entry.getValue().isEmpty();
            }
        });
        knownAddresses.values().removeIf(at -> at.plus(KNOWN_ADDRESS_FOR).isBefore(now));
    }
}
