package io.brigade.gateway;

import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways in front of the same services share one Redis server: a user's requests count against one bucket
 * whichever gateway they reach, and an outage of Redis lets requests through rather than failing them.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitsSharedThroughRedisTest {

    static final int BURST = 10;

    static StubService services;
    static int redisPort;
    static RedisServer redis;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws IOException {
        services = new StubService("catalog-query");
        redisPort = freePort();
        redis = new RedisServer(redisPort);
        redis.start();
        first = gateway();
        second = gateway();
    }

    @AfterAll
    static void stop() throws IOException {
        Stream.of(first, second).filter(g -> g != null).forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.stop();
        }
        services.close();
    }

    @Test
    void aUsersRequestsCountOnceWhicheverGatewayTheyReach() {
        String user = "waiter-" + UUID.randomUUID();
        List<Integer> viaFirst = statuses(client(first, user), BURST);
        List<ApiClient.Response> viaSecond = Stream.generate(() -> client(second, user).get("/api/v1/floor"))
                .limit(BURST).toList();

        assertThat(viaFirst).containsOnly(200);
        // the bucket refills at one a second, so a request or two may find a fresh token
        assertThat(viaSecond).filteredOn(r -> r.status() == 429).hasSizeGreaterThanOrEqualTo(BURST - 3)
                .allSatisfy(r -> assertThat(Integer.parseInt(r.header("Retry-After"))).isPositive());
        assertThat(statuses(client(second, "waiter-" + UUID.randomUUID()), 1)).containsOnly(200);
    }

    @Test
    void whileRedisIsAwayRequestsGoThroughUnlimited_andAreLimitedAgainOnceItIsBack(CapturedOutput output)
            throws IOException {
        String user = "waiter-" + UUID.randomUUID();
        redis.stop();
        try {
            long started = System.nanoTime();
            List<Integer> duringOutage = statuses(client(first, user), BURST + 2);

            assertThat(duringOutage).containsOnly(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            assertThat(output.toString().split("Rate limits are not applied", -1)).as("one warning, not one a request")
                    .hasSize(2);
        } finally {
            redis = new RedisServer(redisPort);
            redis.start();
        }

        List<Integer> afterwards = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!afterwards.contains(429) && System.nanoTime() < deadline) {
            afterwards.addAll(statuses(client(first, user), BURST + 2));
        }
        assertThat(afterwards).as("limited again once Redis is back").contains(429);
    }

    private static List<Integer> statuses(ApiClient client, int requests) {
        return Stream.generate(() -> client.get("/api/v1/floor").status()).limit(requests).toList();
    }

    private static ApiClient client(ConfigurableApplicationContext gateway, String user) {
        return ApiClient.at("http://localhost:" + gateway.getEnvironment().getProperty("local.server.port"))
                .as(user, "STAFF");
    }

    private static ConfigurableApplicationContext gateway() {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.data.redis.host=localhost",
                "--spring.data.redis.port=" + redisPort,
                "--brigade.gateway.rate-limit.redis-host=localhost",
                "--brigade.gateway.rate-limit.redis-port=" + redisPort,
                "--brigade.gateway.rate-limit.per-user-per-second=1",
                "--brigade.gateway.rate-limit.per-user-burst=" + BURST));
        Stream.of("auth", "order", "kitchen", "billing", "catalog", "reporting")
                .forEach(key -> arguments.add("--brigade.gateway.services." + key + "=" + services.url()));
        return new SpringApplicationBuilder(GatewayApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
