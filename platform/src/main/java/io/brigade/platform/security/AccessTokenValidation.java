package io.brigade.platform.security;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * What makes a signed access token acceptable: not expired (and it must say when it expires: Spring's timestamp check
 * alone lets a token without {@code exp} live forever), our issuer, our audience, a subject and one of the known roles,
 * and a session its user still has ({@link EndedSessions}).
 */
public final class AccessTokenValidation {

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private AccessTokenValidation() {
    }

    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, EndedSessions endedSessions) {
        return new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtTimestampValidator(CLOCK_SKEW),
                new JwtIssuerValidator(issuer),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<String>(AccessTokenClaims.USERNAME, name -> name != null && !name.isBlank()),
                new JwtClaimValidator<String>(AccessTokenClaims.ROLE, Roles.ALL::contains),
                endedSessions));
    }
}
