package io.brigade.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Every service describes its endpoints in OpenAPI, readable without a token, for the gateway to merge. */
@ServiceIntegrationTest
class ApiDescriptionTest {

    @LocalServerPort
    int port;

    @Test
    void theServiceDescribesItsEndpoints_securedByTheBearerToken_withoutAskingForOne() {
        var response = ApiClient.at("http://localhost:" + port).get("/v3/api-docs");

        assertThat(response.status()).isEqualTo(200);
        JsonNode description = response.body();
        assertThat(description.path("paths").has("/api/v1/whoami")).isTrue();
        assertThat(description.path("paths").has("/api/v1/managers-only")).isTrue();
        assertThat(description.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
        assertThat(description.path("security").get(0).has("bearer")).isTrue();
    }
}
