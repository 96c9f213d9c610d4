package io.brigade.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each user's sessions last ended: deactivated, given a new role or a new password. An access token issued before
 * that is refused at once, rather than working until it expires. Token issue times are whole seconds, so a token
 * issued in the same second as the change is refused too: the user signs in once more.
 */
public class EndedSessions implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error ENDED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The session of this token has ended", null);

    private final Map<String, Instant> endedAt = new ConcurrentHashMap<>();

    public void ended(String userId, Instant at) {
        endedAt.merge(userId, at.truncatedTo(ChronoUnit.SECONDS), (earlier, later) ->
                later.isAfter(earlier) ? later : earlier);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        Instant ended = endedAt.get(token.getSubject());
        if (ended == null) {
            return OAuth2TokenValidatorResult.success();
        }
        Instant issued = token.getIssuedAt();
        return issued != null && issued.isAfter(ended)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(ENDED);
    }
}
