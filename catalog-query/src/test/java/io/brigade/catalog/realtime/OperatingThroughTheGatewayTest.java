package io.brigade.catalog.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.gateway.GatewayApplication;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.PrometheusScrape;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.StompClient;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator reaches the catalog service's processors and dead letters through the gateway under
 * {@code /api/v1/ops/catalog/...} with an ADMIN token, and Prometheus sees the live-update sessions and pushes of the
 * catalog service and the gateway's requests per route and status.
 */
class OperatingThroughTheGatewayTest {

    /** A metric in a PromQL query: a name right before its label selector, as the dashboard writes every one. */
    private static final Pattern METRIC_SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{");

    private static final RunningService.Stage stage = new RunningService.Stage();
    private static KeySetServer authKeys;
    private static RunningService catalog;
    private static RunningService gateway;
    private static ApiClient admin;

    @BeforeAll
    static void start() {
        catalog = stage.start(CatalogServiceApplication.class, "catalog");
        authKeys = KeySetServer.start();
        gateway = stage.start(GatewayApplication.class, "gateway",
                "brigade.gateway.services.auth=" + authKeys.url(),
                "brigade.gateway.services.catalog=http://localhost:" + catalog.port());
        admin = ApiClient.at("http://localhost:" + gateway.port()).as("ops", "ADMIN");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        authKeys.close();
        catalog.close();
    }

    @Test
    void theCatalogsProcessorsAndDeadLettersAnswerThroughTheGatewayToAnAdminOnly() {
        var processors = admin.get("/api/v1/ops/catalog/processors");
        assertThat(processors.status()).isEqualTo(200);
        List<String> names = StreamSupport.stream(processors.body().spliterator(), false)
                .map(p -> p.path("name").asText()).toList();
        assertThat(names).contains("order-views", "kitchen-board", "bill-views", "catalog",
                "__axon-kafka-event-publishing-group");
        JsonNode board = admin.get("/api/v1/ops/catalog/processors/kitchen-board").body();
        assertThat(board.path("source").asText()).isEqualTo("KAFKA");
        assertThat(board.path("replayable").asBoolean()).isTrue();
        assertThat(board.path("topics").get(0).asText()).endsWith(Topics.KITCHEN_EVENTS);

        assertThat(admin.get("/api/v1/ops/catalog/deadletters").status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/ops/catalog/deadletters/kitchen-board").body().path("events").asLong())
                .isZero();
        assertThat(admin.post("/api/v1/ops/catalog/processors/kitchen-board/replay", Map.of()).status())
                .isEqualTo(202);
        var refused = admin.post("/api/v1/ops/catalog/processors/catalog/pause", Map.of());
        assertThat(refused.status()).as("a subscribing processor has nothing to pause").isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");

        assertThat(admin.as("maria", "MANAGER").get("/api/v1/ops/catalog/processors").status()).isEqualTo(403);
        assertThat(admin.anonymous().get("/api/v1/ops/catalog/processors").status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/ops/catalog/prometheus").status())
                .as("only the operations endpoints are reachable through the gateway").isEqualTo(404);
        assertThat(admin.get("/api/v1/ops/catalog/env").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/ops/nowhere/processors").status()).isEqualTo(404);
    }

    @Test
    void prometheusSeesLiveUpdateSessionsAndPushesAndTheGatewaysRequestsPerRoute() throws Exception {
        String catalogUrl = "http://localhost:" + catalog.port();
        double pushedBefore = PrometheusScrape.of(catalogUrl).sum("brigade_websocket_messages_pushed_total",
                Map.of("service", "catalog-query"));
        try (KafkaEventWriter kitchen = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
             StompClient screen = StompClient.connect("ws://localhost:" + gateway.port() + "/ws",
                     TestTokens.accessToken("cook", "KITCHEN"))) {
            List<StompClient.Received> board = screen.subscribe("/topic/kitchen.grill");
            await().atMost(Duration.ofSeconds(30)).until(() -> PrometheusScrape.of(catalogUrl)
                    .sum("brigade_websocket_sessions", Map.of("service", "catalog-query")) >= 1);

            OrderId order = OrderId.of(UUID.randomUUID().toString());
            TicketId ticket = TicketId.forSend(order, 1, "grill");
            kitchen.write(stage.topic(Topics.KITCHEN_EVENTS), "KitchenTicket", ticket.toString(), 0,
                    new TicketCreated(ticket, order, 1, 7, "grill", List.of(new TicketItem(
                            LineId.of(UUID.randomUUID().toString()), MenuItemId.of(UUID.randomUUID()), "Ribeye", 1,
                            List.of(), 1, 1, "", List.of()))), Map.of());
            StompClient.awaitMessage(board, m -> m.data().path("ticketId").asText().equals(ticket.toString()),
                    Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(10)).until(() -> PrometheusScrape.of(catalogUrl)
                    .sum("brigade_websocket_messages_pushed_total", Map.of()) > pushedBefore);
        }

        admin.get("/api/v1/ops/catalog/processors");
        admin.as("maria", "MANAGER").get("/api/v1/ops/catalog/processors");
        PrometheusScrape scrape = PrometheusScrape.of("http://localhost:" + gateway.port());
        assertThat(scrape.sum("spring_cloud_gateway_requests_seconds_count",
                Map.of("service", "gateway", "routeId", "ops-catalog", "httpStatusCode", "200"))).isPositive();
        assertThat(scrape.sum("spring_cloud_gateway_requests_seconds_count",
                Map.of("routeId", "ops-catalog", "httpStatusCode", "403"))).isPositive();
        assertThat(scrape.samples()).filteredOn(s -> s.name().startsWith("spring_cloud_gateway_requests"))
                .allSatisfy(s -> assertThat(s.labels().keySet()).doesNotContain("path"));
    }

    /**
     * Every metric the provisioned Grafana dashboard queries is one the services export: read from a scrape of the
     * catalog service (commands, processors, dead letters, Kafka lag, websockets; every service registers the same
     * names) and of the gateway, once both have handled something.
     */
    @Test
    void theDashboardQueriesOnlyMetricsTheServicesExport() throws Exception {
        admin.get("/api/v1/ops/catalog/processors");
        Set<String> exported = new TreeSet<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            exported.clear();
            PrometheusScrape.of("http://localhost:" + catalog.port()).samples().forEach(s -> exported.add(s.name()));
            PrometheusScrape.of("http://localhost:" + gateway.port()).samples().forEach(s -> exported.add(s.name()));
            assertThat(exported).contains("commandBus_ingestedCounter_total", "eventProcessor_latency");
        });

        JsonNode dashboard = new ObjectMapper().readTree(
                Path.of("").toAbsolutePath().getParent().resolve("docker/grafana/dashboards/brigade.json").toFile());
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC_SELECTOR.matcher(target.path("expr").asText());
                int found = 0;
                while (metric.find()) {
                    queried.add(metric.group(1));
                    found++;
                }
                assertThat(found).as(panel.path("title").asText() + " queries a metric").isPositive();
            }
        }
        assertThat(queried).hasSizeGreaterThanOrEqualTo(10);
        assertThat(exported).containsAll(queried);
    }
}
