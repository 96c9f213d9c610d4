package io.brigade.auth;

import io.brigade.contracts.Topics;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;
import java.util.UUID;

/** The auth service on its own, started with a first administrator from configuration. */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "brigade.admin.username=" + AuthServiceTestBase.ADMIN,
        "brigade.admin.password=" + AuthServiceTestBase.ADMIN_PASSWORD})
public abstract class AuthServiceTestBase {

    protected static final String ADMIN = "chef-admin";
    protected static final String ADMIN_PASSWORD = "correct horse battery staple";
    protected static final String PASSWORD = "a long enough passphrase";

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected BrigadeKafkaProperties kafka;

    protected ApiClient api;
    protected ApiClient admin;

    @BeforeEach
    void signInAsAdmin() {
        api = ApiClient.at("http://localhost:" + port);
        admin = api.withBearer(login(ADMIN, ADMIN_PASSWORD).text("accessToken"));
    }

    protected ApiClient.Response login(String username, String password) {
        return api.post("/api/v1/auth/login", Map.of("username", username, "password", password));
    }

    protected ApiClient.Response refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    /** Registers a new user with {@link #PASSWORD} and answers their username. */
    protected String newUser(String role) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = admin.post("/api/v1/auth/register",
                Map.of("username", username, "password", PASSWORD, "fullName", "Test " + role, "role", role));
        if (registered.status() != 201) {
            throw new AssertionError("Could not register " + username + ": " + registered.raw());
        }
        return username;
    }

    protected String userId(String username) {
        return jdbc.queryForObject("select id::text from users where username = ?", String.class, username);
    }

    protected ApiClient signedIn(String username) {
        var session = login(username, PASSWORD);
        if (session.status() != 200) {
            throw new AssertionError("Could not sign in " + username + ": " + session.raw());
        }
        return api.withBearer(session.text("accessToken"));
    }

    protected String authTopic() {
        return kafka.topic(Topics.AUTH_EVENTS);
    }
}
