package io.brigade.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The app's web build as a restaurant uses it: the devstack started as the README's first command starts it, and
 * Debian's Chromium driven by the scripts in {@code mobile-app/browser-tests/} (playwright-core) through the gateway:
 * a waiter and a cook side by side ({@code run.mjs}), then a manager and an auditor after an evening played through
 * the API ({@code back-office.mjs}), in that order: the waiters' scenario wants the restaurant as the demo data leaves it.
 * Screenshots land in {@code mobile-app/target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AppBrowserTest {

    private static final Path APP = Path.of("..", "mobile-app").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration BUDGET = Duration.ofMinutes(8);

    private static RunningDevstack restaurant;

    @BeforeAll
    static void startTheRestaurant() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("The browser tests need Debian's Chromium at " + CHROMIUM + " (apt-get install -y chromium), or "
                    + "CHROMIUM_PATH pointing at one");
        }
        assertThat(APP.resolve("node_modules/playwright-core")).as("npm ci has run in mobile-app").isDirectory();
        restaurant = RunningDevstack.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (restaurant != null) {
            restaurant.close();
        }
    }

    @Test
    @Order(1)
    void waitersAndTheKitchenDisplayInChromium() throws Exception {
        runInChromium("run.mjs", Map.of());
    }

    @Test
    @Order(2)
    void managersAndAuditorsInChromium() throws Exception {
        // one test edits an order's stored event behind the service's back, to show the auditor a broken chain
        runInChromium("back-office.mjs", Map.of("BRIGADE_ORDER_DB", restaurant.postgresAddress("order_db")));
    }

    private static void runInChromium(String script, Map<String, String> environment) throws Exception {
        Path log = APP.resolve("target/browser-tests-" + script.replace(".mjs", "") + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("node", "browser-tests/" + script, restaurant.gatewayUrl())
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process browser = builder.start();
        boolean finished = browser.waitFor(BUDGET.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("the browser tests finish within " + BUDGET + "\n" + output).isTrue();
        assertThat(browser.exitValue()).as(output).isZero();
    }
}
