package io.brigade.platform.security;

import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TamperedTokens;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service gets from the platform: it verifies access tokens itself and knows the caller from them. */
@ServiceIntegrationTest
class ResourceServerTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = ApiClient.at("http://localhost:" + port);
    }

    @Test
    void aValidTokenMakesItsSubjectTheCaller() {
        var response = api.as("wendy", "STAFF").get("/api/v1/whoami");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("userId")).isEqualTo(TestTokens.userId("wendy"));
        assertThat(response.text("username")).isEqualTo("wendy");
        assertThat(response.text("role")).isEqualTo("STAFF");
    }

    @Test
    void withoutATokenTheAnswerIs401AsAProblem() {
        var response = api.get("/api/v1/whoami");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void theOldDevelopmentHeaderIsNoLongerTrusted() {
        var response = api.withHeader("X-Brigade-User", "mallory:ADMIN").get("/api/v1/whoami");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aRoleNotAllowedGets403AndAdminMayDoEverything() {
        assertThat(api.as("wendy", "STAFF").get("/api/v1/managers-only").status()).isEqualTo(403);
        assertThat(api.as("marco", "MANAGER").get("/api/v1/managers-only").status()).isEqualTo(200);
        assertThat(api.as("ada", "ADMIN").get("/api/v1/managers-only").status()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoToken() {
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    @TestFactory
    Stream<DynamicTest> everyForgedOrBrokenTokenIsRefusedWith401() {
        return TamperedTokens.forTestKey("wendy", "STAFF").entrySet().stream()
                .map(forged -> DynamicTest.dynamicTest(forged.getKey(), () -> {
                    var response = api.withBearer(forged.getValue()).get("/api/v1/whoami");
                    assertThat(response.status()).as(forged.getKey()).isEqualTo(401);
                    assertThat(response.contentType()).startsWith("application/problem+json");
                }));
    }
}
