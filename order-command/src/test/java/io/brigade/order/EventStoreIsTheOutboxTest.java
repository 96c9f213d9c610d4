package io.brigade.order;

import io.brigade.contracts.Topics;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.BrigadeTestInitializer;
import io.brigade.platform.test.TestInfrastructure;
import io.brigade.platform.test.TestTokens;
import io.brigade.platform.test.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The event store is the outbox: an order service process killed (SIGKILL) after its commands were stored but before
 * their events reached Kafka publishes them when it starts again.
 */
class EventStoreIsTheOutboxTest {

    private static final DemoData DEMO = DemoData.load();

    private final TestInfrastructure infrastructure = TestInfrastructure.get();
    private final String database = infrastructure.newDatabase("orderkill");
    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final String orderTopic = prefix + Topics.ORDER_EVENTS;

    @Test
    void eventsStoredBeforeAKillReachKafkaAfterTheRestart() throws Exception {
        seedCatalog();
        int port = freePort();
        Process process = startOrderServiceProcess(port);
        String orderId;
        try {
            ApiClient waiter = ApiClient.at("http://localhost:" + port).as("waiter", "STAFF");
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> waiter.get("/actuator/health").status() == 200);
            String table = DEMO.table(6).id().toString();
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    waiter.post("/api/v1/orders", Map.of("orderId", UUID.randomUUID().toString(), "tableId", table,
                            "guests", 2)).status() != 400);
            orderId = openedOrderAt(table);
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                    "menuItemId", DEMO.item("Fish and chips").id().toString(), "quantity", 1)).status()).isEqualTo(201);
            assertThat(waiter.post("/api/v1/orders/" + orderId + "/send", Map.of()).status()).isEqualTo(200);
            assertThat(storedEvents(orderId)).isEqualTo(3);
            assertThat(recordsOn(orderTopic)).isZero();
        } finally {
            process.destroyForcibly().waitFor();
        }

        try (ConfigurableApplicationContext restarted = startInProcess()) {
            List<TopicReader.Record> records = TopicReader.readUntil(orderTopic,
                    rs -> rs.stream().filter(r -> r.key().equals(orderId)).count() >= 3, Duration.ofSeconds(60));
            assertThat(records).filteredOn(r -> r.key().equals(orderId)).extracting(TopicReader.Record::type)
                    .containsExactly("io.brigade.contracts.order.OrderOpened",
                            "io.brigade.contracts.order.OrderLineAdded",
                            "io.brigade.contracts.order.OrderLinesSent");
        }
    }

    @Test
    void eventsStoredBeforeThePublisherFirstRanAreStillPublished() {
        seedCatalog();
        String orderId = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext withoutPublisher = startInProcess("axon.kafka.publisher.enabled=false")) {
            ApiClient waiter = ApiClient.at("http://localhost:"
                    + withoutPublisher.getEnvironment().getProperty("local.server.port")).as("waiter", "STAFF");
            String table = DEMO.table(8).id().toString();
            await().atMost(Duration.ofSeconds(30)).until(() -> waiter.post("/api/v1/orders",
                    Map.of("orderId", orderId, "tableId", table, "guests", 3)).status() == 201);
        }
        assertThat(recordsOn(orderTopic)).isZero();

        try (ConfigurableApplicationContext withPublisher = startInProcess()) {
            List<TopicReader.Record> records = TopicReader.readUntil(orderTopic,
                    rs -> rs.stream().anyMatch(r -> r.key().equals(orderId)), Duration.ofSeconds(60));
            assertThat(records).filteredOn(r -> r.key().equals(orderId)).extracting(TopicReader.Record::type)
                    .containsExactly("io.brigade.contracts.order.OrderOpened");
        }
    }

    /** The first run publishes to a port where no broker listens, so its events stay in the store only. */
    private Process startOrderServiceProcess(int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                OrderServiceApplication.class.getName()));
        serviceProperties().forEach(p -> command.add("--" + p));
        command.add("--server.port=" + port);
        command.add("--axon.kafka.producer.bootstrap-servers=localhost:1");
        command.add("--axon.kafka.producer.properties.max.block.ms=2000");
        File log = new File("target/order-service-killed.log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private ConfigurableApplicationContext startInProcess(String... extraProperties) {
        return new SpringApplicationBuilder(OrderServiceApplication.class)
                .initializers(new BrigadeTestInitializer(), c -> TestPropertyValues.of(serviceProperties())
                        .and(extraProperties).applyTo(c))
                .run("--server.port=0");
    }

    private List<String> serviceProperties() {
        return List.of(
                "spring.datasource.url=" + database,
                "spring.datasource.username=" + infrastructure.postgresUser(),
                "spring.datasource.password=" + infrastructure.postgresPassword(),
                "spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "brigade.kafka.topic-prefix=" + prefix,
                "brigade.kafka.partitions=3",
                "brigade.security.jwt.public-key=" + TestTokens.publicKeyBase64());
    }

    private void seedCatalog() {
        DemoCatalog.publishTo(prefix + Topics.CATALOG_EVENTS);
    }

    private String openedOrderAt(String table) throws SQLException {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(
                "select order_id from table_occupancy where table_id = '" + table + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    private long storedEvents(String orderId) throws SQLException {
        try (Connection c = connection(); ResultSet rs = c.createStatement().executeQuery(
                "select count(*) from domain_event_entry where aggregate_identifier = '" + orderId + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(database, infrastructure.postgresUser(), infrastructure.postgresPassword());
    }

    private long recordsOn(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                infrastructure.kafkaBootstrapServers());
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null) {
                return 0;
            }
            return consumer.endOffsets(partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList())
                    .values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
