package io.brigade.platform.security;

import io.brigade.contracts.Topics;
import io.brigade.contracts.auth.UserDeactivated;
import io.brigade.contracts.auth.UserId;
import io.brigade.contracts.auth.UserPasswordChanged;
import io.brigade.contracts.auth.UserReactivated;
import io.brigade.contracts.auth.UserRoleChanged;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A session the auth service ends is over in every service: the tokens issued before are refused, later ones not. */
@ServiceIntegrationTest
class EndedSessionsTest {

    static final Duration NOTICED = Duration.ofSeconds(20);

    @LocalServerPort
    int port;
    @Autowired
    BrigadeKafkaProperties kafka;
    ApiClient api;
    KafkaEventWriter authService;

    @BeforeEach
    void start() {
        api = ApiClient.at("http://localhost:" + port);
        authService = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
    }

    @AfterEach
    void stop() {
        authService.close();
    }

    @Test
    void deactivatingAUserEndsTheTokensTheyHold_andAnotherUserCarriesOn() {
        String user = "leaver-" + UUID.randomUUID();
        String token = issued(user, "STAFF", Instant.now().minusSeconds(60));
        String colleague = issued("colleague-" + UUID.randomUUID(), "STAFF", Instant.now().minusSeconds(60));
        assertThat(api.withBearer(token).get("/api/v1/whoami").status()).isEqualTo(200);

        publish(user, 1, id -> new UserDeactivated(id, user));

        await().atMost(NOTICED).until(() -> api.withBearer(token).get("/api/v1/whoami").status() == 401);
        var refused = api.withBearer(token).get("/api/v1/whoami");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("WWW-Authenticate")).contains("invalid_token");
        assertThat(api.withBearer(colleague).get("/api/v1/whoami").status()).isEqualTo(200);
    }

    @Test
    void aNewRoleOrPasswordEndsTheOldTokens_andTheNextSignInWorks() {
        String promoted = "promoted-" + UUID.randomUUID();
        String renewed = "renewed-" + UUID.randomUUID();
        String promotedBefore = issued(promoted, "STAFF", Instant.now().minusSeconds(60));
        String renewedBefore = issued(renewed, "KITCHEN", Instant.now().minusSeconds(60));

        publish(promoted, 1, id -> new UserRoleChanged(id, promoted, "STAFF", "MANAGER"));
        publish(renewed, 1, id -> new UserPasswordChanged(id, renewed));

        await().atMost(NOTICED).until(() -> api.withBearer(promotedBefore).get("/api/v1/whoami").status() == 401
                && api.withBearer(renewedBefore).get("/api/v1/whoami").status() == 401);
        // token issue times are whole seconds: the next sign-in is a later second than the change
        Instant nextSignIn = Instant.now().plusSeconds(1);
        var asManager = api.withBearer(issued(promoted, "MANAGER", nextSignIn)).get("/api/v1/whoami");
        assertThat(asManager.status()).isEqualTo(200);
        assertThat(asManager.text("role")).isEqualTo("MANAGER");
        assertThat(api.withBearer(issued(renewed, "KITCHEN", nextSignIn)).get("/api/v1/whoami").status())
                .isEqualTo(200);
    }

    @Test
    void reactivationDoesNotRevive_theTokensTheDeactivationEnded() {
        String user = "seasonal-" + UUID.randomUUID();
        String beforeTheSeason = issued(user, "STAFF", Instant.now().minusSeconds(120));
        publish(user, 1, id -> new UserDeactivated(id, user));
        publish(user, 2, id -> new UserReactivated(id, user));
        String marker = "marker-" + UUID.randomUUID();
        String markerToken = issued(marker, "STAFF", Instant.now().minusSeconds(60));
        publish(marker, 1, id -> new UserDeactivated(id, marker));

        await().atMost(NOTICED).until(() -> api.withBearer(markerToken).get("/api/v1/whoami").status() == 401);
        assertThat(api.withBearer(beforeTheSeason).get("/api/v1/whoami").status()).isEqualTo(401);
        assertThat(api.withBearer(issued(user, "STAFF", Instant.now().plusSeconds(1))).get("/api/v1/whoami")
                .status()).isEqualTo(200);
    }

    private static String issued(String username, String role, Instant at) {
        return TestTokens.sign(TestTokens.claims(username, role)
                .issueTime(Date.from(at))
                .expirationTime(Date.from(at.plus(Duration.ofMinutes(15))))
                .build());
    }

    private void publish(String username, long sequence, Function<UserId, Object> event) {
        UserId id = new UserId(UUID.fromString(TestTokens.userId(username)));
        authService.write(kafka.topic(Topics.AUTH_EVENTS), "User", id.value().toString(), sequence,
                event.apply(id), Map.of());
    }
}
