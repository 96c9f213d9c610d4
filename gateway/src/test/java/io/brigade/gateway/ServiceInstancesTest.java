package io.brigade.gateway;

import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the order service behind the gateway, one of them down: one order's requests stay together on
 * an instance that answers, the rest go round those that answer.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "brigade.gateway.rate-limit.per-user-per-second=1000",
                "brigade.gateway.rate-limit.per-user-burst=1000"})
class ServiceInstancesTest {

    static final StubService AUTH = new StubService("auth-service");
    static final StubService FIRST_ORDERS = new StubService("order-command-1");
    static final StubService SECOND_ORDERS = new StubService("order-command-2");
    /** A third instance that is down: nothing listens on its port. */
    static final String DOWN = "http://localhost:" + portNobodyListensOn();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("brigade.gateway.services.auth", AUTH::url);
        registry.add("brigade.gateway.services.order", FIRST_ORDERS::url);
        registry.add("brigade.gateway.instances.order", () -> SECOND_ORDERS.url() + "," + DOWN);
    }

    @AfterAll
    static void stopStubs() {
        List.of(AUTH, FIRST_ORDERS, SECOND_ORDERS).forEach(StubService::close);
    }

    @LocalServerPort
    int port;

    private ApiClient waiter() {
        return ApiClient.at("http://localhost:" + port).as("waiter-" + UUID.randomUUID(), "STAFF");
    }

    @Test
    void oneOrdersRequestsGoToOneInstance_othersGoRoundTheInstances_noneToOneThatIsDown() {
        ApiClient waiter = waiter();
        for (int order = 0; order < 8; order++) {
            String orderId = UUID.randomUUID().toString();
            Set<String> instances = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                var answer = waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of("quantity", 1));
                assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
                assertThat(answer.text("path")).isEqualTo("/api/v1/orders/" + orderId + "/lines");
                instances.add(answer.text("service"));
            }
            assertThat(instances).as("instances that saw order " + orderId).hasSize(1);
        }
        Set<String> opened = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            var answer = waiter.post("/api/v1/orders", Map.of("guests", 2));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            opened.add(answer.text("service"));
        }
        assertThat(opened).containsExactlyInAnyOrder("order-command-1", "order-command-2");
    }

    private static int portNobodyListensOn() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
