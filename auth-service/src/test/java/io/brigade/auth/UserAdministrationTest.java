package io.brigade.auth;

import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.TopicReader;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class UserAdministrationTest extends AuthServiceTestBase {

    @Test
    void theFirstAdministratorComesFromConfiguration() {
        var users = admin.get("/api/v1/auth/users");

        assertThat(users.status()).isEqualTo(200);
        assertThat(users.body().findValuesAsText("username")).contains(ADMIN);
    }

    @Test
    void anAdministratorRegistersAUserWhoCanThenSignIn() {
        var registered = admin.post("/api/v1/auth/register", Map.of("username", "wendy", "password", PASSWORD,
                "fullName", "Wendy Waiter", "role", "STAFF"));

        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.text("username")).isEqualTo("wendy");
        assertThat(registered.text("role")).isEqualTo("STAFF");
        assertThat(registered.body().path("active").asBoolean()).isTrue();
        assertThat(registered.body().has("password")).isFalse();
        assertThat(registered.body().has("passwordHash")).isFalse();
        assertThat(login("wendy", PASSWORD).status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select password_hash from users where username = 'wendy'", String.class))
                .startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    @Test
    void aUsernameIsTakenWhateverItsCase() {
        String username = newUser("STAFF");

        var again = admin.post("/api/v1/auth/register", Map.of("username", username.toUpperCase(),
                "password", PASSWORD, "fullName", "Twin", "role", "STAFF"));

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void passwordsOfWrongLengthOrTooCommonAreRefusedAndNothingIsCreated() {
        long before = jdbc.queryForObject("select count(*) from users", Long.class);
        for (String password : new String[]{"short", "x".repeat(129), "password123", "Qwertyuiop", "iloveyou"}) {
            var refused = admin.post("/api/v1/auth/register", Map.of("username", "weak-" + password.length(),
                    "password", password, "fullName", "Weak", "role", "STAFF"));
            assertThat(refused.status()).as(password).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        var sameAsName = admin.post("/api/v1/auth/register", Map.of("username", "marguerite",
                "password", "Marguerite", "fullName", "M", "role", "STAFF"));
        assertThat(sameAsName.status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from users", Long.class)).isEqualTo(before);
    }

    @Test
    void invalidRegistrationsAre400() {
        assertThat(admin.post("/api/v1/auth/register", Map.of("username", "x y", "password", PASSWORD,
                "fullName", "Spaces", "role", "STAFF")).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/auth/register", Map.of("username", "rooty", "password", PASSWORD,
                "fullName", "Root", "role", "ROOT")).status()).isEqualTo(400);
        assertThat(admin.postRaw("/api/v1/auth/register", "[]").status()).isEqualTo(400);
        assertThat(admin.patch("/api/v1/auth/users/not-a-uuid", Map.of("active", false)).status()).isEqualTo(400);
        assertThat(admin.patch("/api/v1/auth/users/" + java.util.UUID.randomUUID(), Map.of("active", false))
                .status()).isEqualTo(404);
    }

    @Test
    void deactivatingAUserEndsTheirSessionsAndTheyCannotSignIn() {
        String waiter = newUser("STAFF");
        var session = login(waiter, PASSWORD);
        ApiClient asWaiter = api.withBearer(session.text("accessToken"));
        assertThat(asWaiter.get("/api/v1/auth/profile").status()).isEqualTo(200);

        var changed = admin.patch("/api/v1/auth/users/" + userId(waiter), Map.of("active", false));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().path("active").asBoolean()).isFalse();
        assertThat(refresh(session.text("refreshToken")).status()).isEqualTo(401);
        assertThat(login(waiter, PASSWORD).status()).isEqualTo(401);
        // the access token, still within its 15 minutes, is refused as soon as the change is read back from Kafka
        await().atMost(Duration.ofSeconds(10))
                .until(() -> asWaiter.get("/api/v1/auth/profile").status() == 401);
    }

    @Test
    void changingTheRoleEndsTheSessions_andTheNextLoginCarriesTheNewRole() {
        String waiter = newUser("STAFF");
        var session = login(waiter, PASSWORD);

        var changed = admin.patch("/api/v1/auth/users/" + userId(waiter), Map.of("role", "MANAGER",
                "fullName", "Promoted Waiter"));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("MANAGER");
        assertThat(changed.text("fullName")).isEqualTo("Promoted Waiter");
        assertThat(refresh(session.text("refreshToken")).status()).isEqualTo(401);
        assertThat(login(waiter, PASSWORD).body().path("user").path("role").asText()).isEqualTo("MANAGER");
    }

    @Test
    void aNewPasswordReplacesTheOldOne() {
        String cook = newUser("KITCHEN");

        assertThat(admin.patch("/api/v1/auth/users/" + userId(cook), Map.of("password", "short")).status())
                .isEqualTo(400);
        assertThat(admin.patch("/api/v1/auth/users/" + userId(cook), Map.of("password", "a brand new passphrase"))
                .status()).isEqualTo(200);

        assertThat(login(cook, PASSWORD).status()).isEqualTo(401);
        assertThat(login(cook, "a brand new passphrase").status()).isEqualTo(200);
    }

    @Test
    void theLastActiveAdministratorCannotBeDeactivatedOrDemoted() {
        String adminId = userId(ADMIN);

        assertThat(admin.patch("/api/v1/auth/users/" + adminId, Map.of("active", false)).status()).isEqualTo(409);
        assertThat(admin.patch("/api/v1/auth/users/" + adminId, Map.of("role", "STAFF")).status()).isEqualTo(409);
        assertThat(login(ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void userEventsReachKafkaKeyedByUserWithWhoDidItAndNoSecrets() {
        String username = newUser("STAFF");
        String id = userId(username);
        admin.patch("/api/v1/auth/users/" + id, Map.of("role", "KITCHEN", "active", false,
                "password", "another good passphrase"));

        var records = TopicReader.readUntil(authTopic(),
                rs -> rs.stream().filter(r -> id.equals(r.key())).count() == 4, Duration.ofSeconds(30));

        var ofUser = records.stream().filter(r -> id.equals(r.key())).toList();
        assertThat(ofUser).extracting(TopicReader.Record::type).containsExactly(
                "io.brigade.contracts.auth.UserRegistered",
                "io.brigade.contracts.auth.UserRoleChanged",
                "io.brigade.contracts.auth.UserDeactivated",
                "io.brigade.contracts.auth.UserPasswordChanged");
        assertThat(ofUser).allSatisfy(record -> {
            assertThat(record.metaData("username")).isEqualTo(ADMIN);
            assertThat(record.metaData("role")).isEqualTo("ADMIN");
            assertThat(record.metaData("userId")).isEqualTo(userId(ADMIN));
            assertThat(record.metaData("correlationId")).isNotBlank();
            assertThat(record.json()).doesNotContainIgnoringCase("password\":")
                    .doesNotContain("argon2").doesNotContain(PASSWORD).doesNotContain("another good passphrase");
        });
        assertThat(ofUser.get(0).json()).contains("\"username\":\"" + username + "\"", "\"role\":\"STAFF\"");
    }
}
