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
    void anAttackersHundredFailuresFromTheRestaurantsSharedAddressNeverKeepAnotherWaiterOut() {
        String sharedAddress = "198.51.100.77";
        String victim = newUser("STAFF");
        String colleague = newUser("STAFF");
        int unauthorized = 0;
        for (int attempt = 1; attempt <= 100; attempt++) {
            String username = attempt <= 10 ? victim : "guessed-name-" + attempt;
            if (loginFrom(sharedAddress, username, "guess number " + attempt) == 401) {
                unauthorized++;
            }
        }
        assertThat(unauthorized).isEqualTo(100);

        assertThat(loginFrom(sharedAddress, colleague, PASSWORD)).as("a colleague on the same connection")
                .isEqualTo(200);
        assertThat(loginFrom(sharedAddress, ADMIN, ADMIN_PASSWORD)).as("the manager on the same connection")
                .isEqualTo(200);
        assertThat(loginFrom(sharedAddress, victim, PASSWORD)).as("the guessed account, from where it was guessed")
                .isEqualTo(429);
        assertThat(loginFrom(RESTAURANT, victim, PASSWORD)).as("the guessed account, from elsewhere").isEqualTo(200);
    }
}
