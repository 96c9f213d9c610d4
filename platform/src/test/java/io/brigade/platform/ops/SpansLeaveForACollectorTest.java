package io.brigade.platform.ops;

import com.sun.net.httpserver.HttpServer;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.common.Money;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ServiceIntegrationTest;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** With OTEL_EXPORTER_OTLP_ENDPOINT naming a collector, the service sends its spans there over OTLP/HTTP. */
@ServiceIntegrationTest
@AutoConfigureObservability
@TestPropertySource(properties = {
        "spring.application.name=pantry",
        "brigade.db.name=pantry_db",
        "brigade.kafka.consumers.pantry-shelf=brigade.catalog.events",
        "brigade.kafka.partitions=3"})
class SpansLeaveForACollectorTest {

    /** A collector that only records where each export was sent and how big it was. */
    private static final List<String> EXPORTS = new CopyOnWriteArrayList<>();
    private static final HttpServer COLLECTOR = collector();

    private static HttpServer collector() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                EXPORTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body.length);
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            // read by the service as its environment, as compose passes it
            System.setProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + server.getAddress().getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopCollector() {
        System.clearProperty("OTEL_EXPORTER_OTLP_ENDPOINT");
        COLLECTOR.stop(0);
    }

    @Autowired
    BrigadeKafkaProperties kafka;

    @Test
    void handledEventsAreExportedToTheCollector() {
        MenuItemId item = MenuItemId.random();
        try (KafkaEventWriter writer = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            writer.write(kafka.topic(Topics.CATALOG_EVENTS), "MenuItem", item.toString(), 0,
                    new MenuItemAdded(item, UUID.randomUUID(), "Affogato", "", Money.ofCents(450), "bar", List.of(),
                            List.of()), Map.of());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(EXPORTS)
                .anySatisfy(export -> assertThat(export).startsWith("POST /v1/traces application/x-protobuf")));
    }
}
