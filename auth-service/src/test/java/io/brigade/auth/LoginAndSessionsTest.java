package io.brigade.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginAndSessionsTest extends AuthServiceTestBase {

    @Test
    void aLoginAnswersAnRs256AccessTokenForFifteenMinutesAndAnOpaqueRefreshToken() throws Exception {
        String cook = newUser("KITCHEN");

        var session = login(cook, PASSWORD);

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.text("tokenType")).isEqualTo("Bearer");
        assertThat(session.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(session.body().path("user").path("username").asText()).isEqualTo(cook);
        assertThat(session.body().path("user").path("role").asText()).isEqualTo("KITCHEN");
        assertThat(session.body().path("user").has("passwordHash")).isFalse();
        SignedJWT token = SignedJWT.parse(session.text("accessToken"));
        assertThat(token.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(token.getHeader().getKeyID()).isNotBlank();
        var claims = token.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(userId(cook));
        assertThat(claims.getStringClaim("username")).isEqualTo(cook);
        assertThat(claims.getStringClaim("role")).isEqualTo("KITCHEN");
        assertThat(claims.getIssuer()).isEqualTo("brigade-auth");
        assertThat(claims.getAudience()).containsExactly("brigade-api");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(session.text("refreshToken")).hasSizeGreaterThanOrEqualTo(43).doesNotContain(".");
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        var session = login(newUser("STAFF"), PASSWORD);

        assertThat(jdbc.queryForObject("select count(*) from refresh_token where token_hash = ?", Long.class,
                session.text("refreshToken"))).isZero();
        assertThat(jdbc.queryForList("select token_hash from refresh_token", String.class))
                .allMatch(hash -> hash.matches("[0-9a-f]{64}"));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        String waiter = newUser("STAFF");

        var wrongPassword = login(waiter, "not the password at all");
        var unknownUser = login("nobody-" + waiter, PASSWORD);

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(unknownUser.status()).isEqualTo(401);
        assertThat(wrongPassword.contentType()).startsWith("application/problem+json");
        assertThat(wrongPassword.text("detail")).isEqualTo(unknownUser.text("detail"));
    }

    @Test
    void eachRefreshSpendsTheTokenAndAnswersANewPairWithinTheSameShiftLongLogin() {
        String waiter = newUser("STAFF");
        var first = login(waiter, PASSWORD);

        var second = refresh(first.text("refreshToken"));
        var third = refresh(second.text("refreshToken"));

        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(200);
        assertThat(second.text("refreshToken")).isNotEqualTo(first.text("refreshToken"));
        assertThat(third.text("accessToken")).isNotEqualTo(second.text("accessToken"));
        assertThat(api.withBearer(third.text("accessToken")).get("/api/v1/auth/profile").text("username"))
                .isEqualTo(waiter);
        var expiries = jdbc.queryForList("select expires_at - issued_at from refresh_token t join users u "
                + "on u.id = t.user_id where u.username = ? order by issued_at", Object.class, waiter);
        assertThat(expiries).hasSize(3);
        var familyExpiry = jdbc.queryForList("select distinct expires_at from refresh_token t join users u "
                + "on u.id = t.user_id where u.username = ?", java.sql.Timestamp.class, waiter);
        assertThat(familyExpiry).hasSize(1);
        Instant loginAt = jdbc.queryForObject("select min(issued_at) from refresh_token t join users u "
                + "on u.id = t.user_id where u.username = ?", java.sql.Timestamp.class, waiter).toInstant();
        assertThat(Duration.between(loginAt, familyExpiry.get(0).toInstant())).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aSpentRefreshTokenPresentedAgainEndsTheWholeLogin_soTheNewestTokenFailsToo() {
        String waiter = newUser("STAFF");
        var login = login(waiter, PASSWORD);
        var otherLogin = login(waiter, PASSWORD);
        var rotated = refresh(login.text("refreshToken"));
        assertThat(rotated.status()).isEqualTo(200);

        var replayed = refresh(login.text("refreshToken"));
        var newest = refresh(rotated.text("refreshToken"));

        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.contentType()).startsWith("application/problem+json");
        assertThat(newest.status()).isEqualTo(401);
        assertThat(refresh(otherLogin.text("refreshToken")).status())
                .as("another login of the same user is not affected").isEqualTo(200);
    }

    @Test
    void logoutEndsTheLogin() {
        String waiter = newUser("STAFF");
        var session = login(waiter, PASSWORD);
        var asWaiter = api.withBearer(session.text("accessToken"));

        var loggedOut = asWaiter.post("/api/v1/auth/logout", Map.of("refreshToken", session.text("refreshToken")));

        assertThat(loggedOut.status()).isEqualTo(204);
        assertThat(refresh(session.text("refreshToken")).status()).isEqualTo(401);
    }

    @Test
    void logoutWithSomeoneElsesRefreshTokenEndsNothing() {
        var victim = login(newUser("STAFF"), PASSWORD);
        var other = signedIn(newUser("STAFF"));

        assertThat(other.post("/api/v1/auth/logout", Map.of("refreshToken", victim.text("refreshToken"))).status())
                .isEqualTo(204);
        assertThat(refresh(victim.text("refreshToken")).status()).isEqualTo(200);
    }

    @Test
    void malformedRequestsAre400AndUnknownRefreshTokens401() {
        assertThat(api.postRaw("/api/v1/auth/login", "{not json").status()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/login", Map.of("username", "x")).status()).isEqualTo(400);
        assertThat(refresh("made-up").status()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/refresh", Map.of()).status()).isEqualTo(400);
    }
}
