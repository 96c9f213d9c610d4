package io.brigade.auth.login;

import io.brigade.auth.config.AuthProperties;
import io.brigade.platform.problem.TooManyRequestsException;
import io.brigade.platform.test.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The three limits with small numbers, on a clock the test moves. */
class LoginThrottleTest {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final String SHARED = "198.51.100.10";
    private static final String ELSEWHERE = "203.0.113.5";

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T19:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new AuthProperties(null, null, null, null, false,
            new AuthProperties.LoginLimits(WINDOW, 3, 20, 8)), clock);

    @Test
    void anAddressPastItsLimitIsRefusedForAccountsThatHaveNotSignedInFromIt_butNotForThoseThatHave() {
        throttle.recordSuccess("waiter", SHARED);
        for (int attempt = 1; attempt <= 20; attempt++) {
            throttle.recordFailure("name-" + attempt, SHARED);
        }

        assertThatThrownBy(() -> throttle.checkAllowed("newcomer", SHARED))
                .isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.checkAllowed("Waiter", SHARED)).doesNotThrowAnyException();
        assertThatCode(() -> throttle.checkAllowed("newcomer", ELSEWHERE)).doesNotThrowAnyException();

        clock.advance(WINDOW.plusSeconds(1));
        assertThatCode(() -> throttle.checkAllowed("newcomer", SHARED)).doesNotThrowAnyException();
    }

    @Test
    void guessingOneAccountFromOneAddressLocksOnlyThatAccountThere_evenForAnAccountKnownThere() {
        throttle.recordSuccess("waiter", SHARED);
        for (int attempt = 1; attempt <= 3; attempt++) {
            throttle.recordFailure("waiter", SHARED);
        }

        TooManyRequestsException refused = catchThrowableOfType(TooManyRequestsException.class,
                () -> throttle.checkAllowed("waiter", SHARED));
        assertThat(refused).isNotNull();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(WINDOW);
        assertThatCode(() -> throttle.checkAllowed("colleague", SHARED)).doesNotThrowAnyException();
        assertThatCode(() -> throttle.checkAllowed("waiter", ELSEWHERE)).doesNotThrowAnyException();
    }

    @Test
    void manyAddressesAgainstOneAccountAreLimited_exceptWhereTheAccountRecentlySignedIn() {
        throttle.recordSuccess("cook", SHARED);
        for (int attempt = 1; attempt <= 8; attempt++) {
            throttle.recordFailure("cook", "192.0.2." + attempt);
        }

        assertThatThrownBy(() -> throttle.checkAllowed("cook", ELSEWHERE)).isInstanceOf(TooManyRequestsException.class);
        assertThatCode(() -> throttle.checkAllowed("cook", SHARED)).doesNotThrowAnyException();
    }
}
