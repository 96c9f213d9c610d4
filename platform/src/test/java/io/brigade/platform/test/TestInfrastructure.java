package io.brigade.platform.test;

import io.brigade.platform.embedded.EmbeddedKafkaServer;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/**
 * One PostgreSQL server and one Kafka broker for the whole test JVM, started on first use. Where Docker can run
 * containers they are the real images (Testcontainers); elsewhere the embedded ones. Both are real servers, so no
 * test skips its work. {@code BRIGADE_TEST_INFRA=embedded|containers} forces a choice.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static volatile TestInfrastructure instance;

    private final String postgresHost;
    private final int postgresPort;
    private final String postgresUser;
    private final String postgresPassword;
    private final String kafkaBootstrapServers;
    private final EmbeddedPostgresServer embeddedPostgres;

    private TestInfrastructure(String postgresHost, int postgresPort, String postgresUser, String postgresPassword,
                               String kafkaBootstrapServers, EmbeddedPostgresServer embeddedPostgres) {
        this.postgresHost = postgresHost;
        this.postgresPort = postgresPort;
        this.postgresUser = postgresUser;
        this.postgresPassword = postgresPassword;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.embeddedPostgres = embeddedPostgres;
    }

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = start();
                }
            }
        }
        return instance;
    }

    private static TestInfrastructure start() {
        String choice = System.getenv().getOrDefault("BRIGADE_TEST_INFRA", "auto");
        if (choice.equals("containers") || (choice.equals("auto") && dockerCanRunContainers())) {
            try {
                return containers();
            } catch (RuntimeException e) {
                if (choice.equals("containers")) {
                    throw e;
                }
                log.warn("Docker is there but its containers did not start ({}); using embedded servers", e.toString());
            }
        }
        return embedded();
    }

    private static boolean dockerCanRunContainers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static TestInfrastructure containers() {
        PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>("postgres:15-alpine");
        KafkaContainer kafka = new KafkaContainer("apache/kafka:3.9.1");
        postgres.start();
        kafka.start();
        log.info("Test infrastructure: PostgreSQL and Kafka containers");
        return new TestInfrastructure(postgres.getHost(), postgres.getFirstMappedPort(), postgres.getUsername(),
                postgres.getPassword(), kafka.getBootstrapServers(), null);
    }

    private static TestInfrastructure embedded() {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.ephemeral();
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }));
        log.info("Test infrastructure: embedded PostgreSQL on {} and Kafka on {}", postgres.port(),
                kafka.bootstrapServers());
        return new TestInfrastructure("localhost", postgres.port(), EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD, kafka.bootstrapServers(), postgres);
    }

    /** Creates a new empty database and answers its JDBC URL. */
    public String newDatabase(String hint) {
        String name = (hint.replaceAll("[^a-z0-9]", "") + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), postgresUser, postgresPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresHost + ":" + postgresPort + "/" + database;
    }

    public String postgresUser() {
        return postgresUser;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    /**
     * The PostgreSQL server's own process on this machine, whose children serve the connections; none for a
     * container, whose processes are not this machine's to read.
     */
    public Optional<ProcessHandle> postgresProcess() {
        return Optional.ofNullable(embeddedPostgres).map(EmbeddedPostgresServer::process);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }
}
