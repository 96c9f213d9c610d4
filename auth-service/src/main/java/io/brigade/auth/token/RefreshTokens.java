package io.brigade.auth.token;

import io.brigade.auth.config.AuthProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Opaque refresh tokens: 256 random bits, given to the client once and stored only as their SHA-256 (enough for a
 * secret that cannot be guessed; a slow hash protects low-entropy passwords, not these). A login starts a family whose
 * absolute lifetime is one shift; every refresh spends the presented token and issues the next one in the family. A
 * spent token presented again means a copy is in someone else's hands: the whole family is revoked.
 */
@Service
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RefreshTokenRepository tokens;
    private final Duration lifetime;
    private final Clock clock;

    public RefreshTokens(RefreshTokenRepository tokens, AuthProperties properties, Clock clock) {
        this.tokens = tokens;
        this.lifetime = properties.refreshTokenLifetime();
        this.clock = clock;
    }

    /** What became of a presented refresh token. */
    public sealed interface Exchange {

        record Rotated(UUID userId, String refreshToken) implements Exchange {
        }

        record Refused(String reason) implements Exchange {
        }
    }

    /** Starts a new login family for the user and answers its first token. */
    @Transactional
    public String startLogin(UUID userId) {
        Instant now = clock.instant();
        return issue(userId, UUID.randomUUID(), now, now.plus(lifetime));
    }

    /**
     * Spends the token and issues the next one of its family, expiring when the family does. Runs in its own
     * transaction and commits a reuse-triggered revocation even though the exchange is refused.
     */
    @Transactional
    public Exchange exchange(String presented) {
        Instant now = clock.instant();
        Optional<RefreshToken> found = tokens.findByHashForUpdate(hash(presented));
        if (found.isEmpty()) {
            return new Exchange.Refused("This refresh token is not known");
        }
        RefreshToken token = found.get();
        if (token.revoked()) {
            return new Exchange.Refused("This login has ended; sign in again");
        }
        if (token.spent()) {
            tokens.revokeFamily(token.familyId(), now);
            return new Exchange.Refused("This refresh token was already used; the login has been ended");
        }
        if (!token.expiresAt().isAfter(now)) {
            return new Exchange.Refused("This login has expired; sign in again");
        }
        token.spend(now);
        return new Exchange.Rotated(token.userId(), issue(token.userId(), token.familyId(), now, token.expiresAt()));
    }

    /** Ends the login the token belongs to, if it belongs to {@code userId}. */
    @Transactional
    public void endLogin(String presented, UUID userId) {
        tokens.findByHash(hash(presented))
                .filter(token -> token.userId().equals(userId))
                .ifPresent(token -> tokens.revokeFamily(token.familyId(), clock.instant()));
    }

    /** Ends every login of the user. */
    @Transactional
    public void endAllLogins(UUID userId) {
        tokens.revokeAllOf(userId, clock.instant());
    }

    /** Revokes the rest of a family after its user turned out to be unable to continue (deactivated meanwhile). */
    @Transactional
    public void endLoginOf(String presentedOrNext) {
        tokens.findByHash(hash(presentedOrNext))
                .ifPresent(token -> tokens.revokeFamily(token.familyId(), clock.instant()));
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
    @Transactional
    public void forgetExpired() {
        tokens.deleteExpiredBefore(clock.instant().minus(Duration.ofDays(1)));
    }

    private String issue(UUID userId, UUID familyId, Instant now, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tokens.save(new RefreshToken(userId, hash(token), familyId, now, expiresAt));
        return token;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
