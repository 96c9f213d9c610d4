package io.brigade.gateway;

import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The app's web build as the gateway serves it: to anyone, without a token, and never in the API's place. */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebAppTest {

    static final Map<String, StubService> SERVICES = Map.of(
            "auth", new StubService("auth-service"),
            "order", new StubService("order-command"),
            "kitchen", new StubService("kitchen-command"),
            "billing", new StubService("billing-command"),
            "catalog", new StubService("catalog-query"),
            "reporting", new StubService("reporting-projection"));

    @DynamicPropertySource
    static void servicesAreTheStubs(DynamicPropertyRegistry registry) {
        SERVICES.forEach((key, stub) -> registry.add("brigade.gateway.services." + key, stub::url));
    }

    @AfterAll
    static void stopStubs() {
        SERVICES.values().forEach(StubService::close);
    }

    @LocalServerPort
    int port;
    ApiClient browser;

    @BeforeEach
    void client() {
        browser = ApiClient.at("http://localhost:" + port);
    }

    @Test
    void theFirstPageIsTheAppWithoutAToken_revalidatedOnEveryLoad() {
        ApiClient.Response page = browser.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.raw()).contains("<div id=\"root\">").contains("/_expo/static/js/web/");
        assertThat(page.header("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void appRoutesAnswerWithTheAppSoATablesQrCodeAndAReloadOpenIt() {
        for (String route : new String[] {"/tables/b0000000-0000-4000-8000-000000000005", "/floor", "/kitchen"}) {
            ApiClient.Response page = browser.get(route);
            assertThat(page.status()).as(route).isEqualTo(200);
            assertThat(page.raw()).as(route).contains("<div id=\"root\">");
        }
    }

    @Test
    void hashedBundlesAreCachedForAYear() throws IOException {
        String bundle = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:brigade-web/_expo/static/js/web/*.js")[0].getFilename();

        ApiClient.Response script = browser.get("/_expo/static/js/web/" + bundle);

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
        assertThat(script.header("Cache-Control")).contains("max-age=31536000").contains("immutable");
    }

    @Test
    void aMissingFileIs404_notTheApp() {
        assertThat(browser.get("/_expo/static/js/web/gone.js").status()).isEqualTo(404);
        assertThat(browser.get("/../pom.xml").status()).isIn(400, 404);
    }

    @Test
    void theApiTheWebsocketAndTheActuatorAreNeverShadowed() {
        ApiClient.Response floor = browser.get("/api/v1/floor");
        assertThat(floor.status()).isEqualTo(401);
        assertThat(floor.contentType()).startsWith("application/problem+json");
        assertThat(browser.get("/api/v1/nowhere").status()).isEqualTo(401);
        assertThat(browser.get("/actuator/health").raw()).doesNotContain("<div id=\"root\">");
    }
}
