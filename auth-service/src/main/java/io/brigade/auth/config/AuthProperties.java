package io.brigade.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The auth service's settings: token lifetimes, how often the signing key is replaced, the secret that seals private
 * keys at rest, whether to create the demo users, and the failed-login limits.
 */
@ConfigurationProperties("brigade.auth")
public record AuthProperties(Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration keyRotationPeriod,
                             String keySecret, boolean demoUsers, LoginLimits loginLimits) {

    /**
     * Failed logins allowed within {@code window}: from one address against one account; from one address against any
     * accounts (high: a whole restaurant signs in from one address); and against one account from all addresses. The
     * last two never count against an account signing in from an address it recently signed in from.
     */
    public record LoginLimits(Duration window, int failuresPerAccountAndAddress, int failuresPerAddress,
                              int failuresPerAccount) {
    }
}
