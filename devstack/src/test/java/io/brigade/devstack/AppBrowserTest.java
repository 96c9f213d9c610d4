package io.brigade.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The app's web build as a restaurant uses it: the devstack started as the README's first command starts it, and
 * Debian's Chromium driven by {@code mobile-app/browser-tests/run.mjs} (playwright-core) through the gateway, a waiter
 * and a cook side by side. Screenshots land in {@code mobile-app/target/screenshots/}.
 */
class AppBrowserTest {

    private static final Path APP = Path.of("..", "mobile-app").toAbsolutePath().normalize();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
    private static final Duration BUDGET = Duration.ofMinutes(6);

    private static Path data;
    private static Devstack devstack;
    private static int gatewayPort;

    @BeforeAll
    static void startTheRestaurant() throws IOException {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("The browser tests need Debian's Chromium at " + CHROMIUM + " (apt-get install -y chromium), or "
                    + "CHROMIUM_PATH pointing at one");
        }
        assertThat(APP.resolve("node_modules/playwright-core")).as("npm ci has run in mobile-app").isDirectory();
        data = Files.createTempDirectory("brigade-app-browser-test");
        int base = freeBase();
        gatewayPort = base;
        devstack = new Devstack(new DevstackOptions(false, false, data, base + 10, base + 11, null,
                Duration.ofMillis(1500), 3, base - 8080));
        devstack.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (devstack != null) {
            devstack.stop();
        }
        if (data != null) {
            FileSystemUtils.deleteRecursively(data);
        }
    }

    @Test
    void waitersAndTheKitchenDisplayInChromium() throws Exception {
        Path log = APP.resolve("target/browser-tests.log");
        Files.createDirectories(log.getParent());
        Process browser = new ProcessBuilder("node", "browser-tests/run.mjs", "http://localhost:" + gatewayPort)
                .directory(APP.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = browser.waitFor(BUDGET.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            browser.destroyForcibly();
        }
        String output = Files.readString(log);
        System.out.println(output);
        assertThat(finished).as("the browser tests finish within " + BUDGET + "\n" + output).isTrue();
        assertThat(browser.exitValue()).as(output).isZero();
    }

    /** A port from which the gateway and the services, PostgreSQL (base + 10) and Kafka (base + 11, + 1011) listen. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (IntStream.concat(IntStream.rangeClosed(base, base + 11), IntStream.of(base + 1011))
                    .allMatch(AppBrowserTest::free)) {
                return base;
            }
        }
        throw new IllegalStateException("No free ports for the devstack");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("localhost", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
