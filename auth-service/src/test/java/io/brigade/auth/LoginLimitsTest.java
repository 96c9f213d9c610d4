package io.brigade.auth;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLimitsTest extends AuthServiceTestBase {

    private static final String ATTACKER = "203.0.113.66";
    private static final String RESTAURANT = "198.51.100.10";

    private int loginFrom(String address, String username, String password) {
        return api.withHeader("X-Forwarded-For", address)
                .post("/api/v1/auth/login", Map.of("username", username, "password", password)).status();
    }

    @Test
    void theEleventhWrongPasswordInAMinuteForOneAccountIs429_whileTheRealUserStillSignsInFromAnotherAddress() {
        String waiter = newUser("STAFF");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(loginFrom(ATTACKER, waiter, "guess number " + attempt)).as("attempt " + attempt)
                    .isEqualTo(401);
        }

        var eleventh = api.withHeader("X-Forwarded-For", ATTACKER)
                .post("/api/v1/auth/login", Map.of("username", waiter, "password", "guess number 11"));

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(eleventh.header("Retry-After"))).isBetween(1, 60);
        assertThat(loginFrom(ATTACKER, waiter, PASSWORD)).as("even the right password, from the attacker")
                .isEqualTo(429);
        assertThat(loginFrom(RESTAURANT, waiter, PASSWORD)).isEqualTo(200);
    }

    @Test
    void oneAddressTryingManyAccountsIsLimitedToo() {
        String address = "192.0.2.44";
        int refused = 0;
        for (int attempt = 1; attempt <= 31; attempt++) {
            if (loginFrom(address, "someone-" + attempt, "password guess") == 429) {
                refused++;
            }
        }
        assertThat(refused).isEqualTo(1);
        assertThat(loginFrom("192.0.2.45", ADMIN, ADMIN_PASSWORD)).isEqualTo(200);
    }
}
