package io.brigade.platform.security;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * When each user's sessions last ended: deactivated, given a new role or a new password. An access token issued before
 * that is refused at once, rather than working until it expires. Token issue times are whole seconds, so a token
 * issued in the same second as the change is refused too: the user signs in once more.
 */
public class EndedSessions implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error ENDED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The session of this token has ended", null);

    private final Map<String, Instant> endedAt = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, Instant>> listeners = new CopyOnWriteArrayList<>();

    public void ended(String userId, Instant at) {
        Instant second = at.truncatedTo(ChronoUnit.SECONDS);
        Instant latest = endedAt.merge(userId, second, (earlier, later) -> later.isAfter(earlier) ? later : earlier);
        if (latest.equals(second)) {
            listeners.forEach(listener -> listener.accept(userId, second));
        }
    }

    /**
     * Tells {@code listener} the user and the second of each session end from now on, for what a token's check alone
     * does not stop (a websocket opened with an older token, say): whatever was opened with a token issued in or
     * before that second belongs to an ended session.
     */
    public void whenEnded(BiConsumer<String, Instant> listener) {
        listeners.add(listener);
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
