package io.brigade.platform.security;

import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TamperedTokens;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** What every service gets from the platform: it verifies access tokens itself and knows the caller from them. */
@ServiceIntegrationTest
class ResourceServerTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(WhoAmIController.class)
    static class AnyService {
    }

    @RestController
    static class WhoAmIController {

        @GetMapping("/api/v1/whoami")
        Caller whoAmI() {
            return Caller.current().orElseThrow();
        }

        @GetMapping("/api/v1/managers-only")
        @PreAuthorize("hasRole('MANAGER')")
        Map<String, String> managersOnly() {
            return Map.of("ok", "yes");
        }
    }

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
