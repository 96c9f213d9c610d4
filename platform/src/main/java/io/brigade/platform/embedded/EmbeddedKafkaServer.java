package io.brigade.platform.embedded;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A real Kafka broker in KRaft mode, in this process: spring-kafka-test's throw-away broker for tests, or a broker whose
 * log survives restarts for the devstack.
 */
public final class EmbeddedKafkaServer implements AutoCloseable {

    /** How long a kept broker's registration outlives it: a broker started after a kill -9 waits up to this long. */
    private static final Duration BROKER_SESSION = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final Runnable stop;

    private EmbeddedKafkaServer(String bootstrapServers, Runnable stop) {
        this.bootstrapServers = bootstrapServers;
        this.stop = stop;
    }

    /** A broker on {@code port}, or on a free port when {@code port} is 0. */
    public static EmbeddedKafkaServer start(int port) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        if (port > 0) {
            broker.kafkaPorts(port);
        }
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "true",
                "num.partitions", "3",
                "log.retention.ms", "-1",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.replication.factor", "1",
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1"));
        broker.afterPropertiesSet();
        return new EmbeddedKafkaServer(broker.getBrokersAsString(), broker::destroy);
    }

    /**
     * A single-node broker and controller listening on {@code port} (and {@code port + 1000} for the controller), its
     * log kept in {@code logDirectory}, formatted on first start.
     */
    public static EmbeddedKafkaServer persistent(int port, Path logDirectory) {
        return persistent(port, logDirectory, true);
    }

    /**
     * As {@link #persistent(int, Path)}; {@code durable} writes every record to disk before acknowledging it, since a
     * single broker has no replica to fall back on after a power cut (false, for tests, leaves it to the OS).
     */
    public static EmbeddedKafkaServer persistent(int port, Path logDirectory, boolean durable) {
        String dir = logDirectory.toAbsolutePath().toString();
        int controllerPort = port + 1000;
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dir);
        props.put("num.partitions", "3");
        props.put("log.retention.ms", "-1");
        props.put("auto.create.topics.enable", "true");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        // A broker killed with kill -9 stays registered as running: its successor's registration is refused until that
        // session expires (9 s by default), and the broker starts no sooner. Broker and controller share this process,
        // so a shorter session with more frequent heartbeats is safe; a heartbeat still has 2.5 s to get through a
        // controller slowed down by a busy machine, and such a restart waits 5 s at most.
        props.put("broker.heartbeat.interval.ms", "1000");
        props.put("broker.session.timeout.ms", String.valueOf(BROKER_SESSION.toMillis()));
        if (durable) {
            props.put("log.flush.interval.messages", "1");
        }
        KafkaConfig config = KafkaConfig.fromProps(props);
        try {
            Files.createDirectories(logDirectory);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                new Formatter()
                        .setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
                        .setSupportedFeatures(Features.PRODUCTION_FEATURES)
                        .setNodeId(1)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setDirectories(List.of(dir))
                        .setMetadataLogDirectory(dir)
                        .setControllerListenerName("CONTROLLER")
                        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                        .run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format the Kafka log directory " + dir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new EmbeddedKafkaServer("localhost:" + port, () -> {
            server.shutdown();
            server.awaitShutdown();
        });
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        stop.run();
    }
}
