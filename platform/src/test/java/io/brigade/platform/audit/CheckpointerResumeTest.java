package io.brigade.platform.audit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.MerkleTree;
import io.brigade.audit.Sha256;
import io.brigade.platform.test.MovableClock;
import io.brigade.platform.test.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The checkpointer of a service that stops and starts again, on a real PostgreSQL store and a real checkpoints topic:
 * each start builds a new checkpointer over the same database and key file, as a restarted service does.
 */
class CheckpointerResumeTest {

    private static final Duration GAP_WAIT = Duration.ofSeconds(5);

    @TempDir
    Path keys;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T19:30:00Z"));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private JdbcTemplate jdbc;
    private EventStoreRows rows;
    private CheckpointLog log;
    private CheckpointFrontiers frontiers;

    @BeforeEach
    void aStoreOfItsOwn() {
        ((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        TestInfrastructure infrastructure = TestInfrastructure.get();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(infrastructure.newDatabase("resume"),
                infrastructure.postgresUser(), infrastructure.postgresPassword());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        rows = new EventStoreRows(jdbc, new DataSourceTransactionManager(dataSource));
        frontiers = new CheckpointFrontiers(jdbc);
        log = new CheckpointLog("resume-" + UUID.randomUUID() + ".audit.checkpoints",
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
        logged.start();
        ((Logger) LoggerFactory.getLogger(Checkpointer.class)).addAppender(logged);
    }

    @AfterEach
    void close() {
        ((Logger) LoggerFactory.getLogger(Checkpointer.class)).detachAppender(logged);
        log.close();
    }

    /** A new checkpointer over the store, as the service builds one when it starts. */
    private Checkpointer start() {
        return new Checkpointer("order-command", rows, log, frontiers, new CheckpointKeys(signingProperties()),
                Duration.ofSeconds(10), GAP_WAIT, clock);
    }

    private AuditProperties.Signing signingProperties() {
        AuditProperties.Signing properties = new AuditProperties.Signing();
        properties.setKeyFile(keys.resolve("order-command.pem").toString());
        return properties;
    }

    /** Appends events with the given global indexes, stamped at the clock's instant; every fifth is outside a chain. */
    private void append(long from, long to, long... skipped) {
        String timestamp = EventHash.timestamp(clock.instant());
        for (long index = from; index <= to; index++) {
            long at = index;
            if (Arrays.stream(skipped).anyMatch(s -> s == at)) {
                continue;
            }
            boolean chained = index % 5 != 0;
            String hash = Sha256.hex(Sha256.digest(("event " + index).getBytes(StandardCharsets.UTF_8)));
            jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                            + "sequence_number, type, time_stamp, payload_type, payload, meta_data) "
                            + "values (?, ?, ?, 0, ?, ?, 'Opened', ?, ?)", index, UUID.randomUUID().toString(),
                    "aggregate-" + index, chained ? "Order" : null, timestamp, "{}".getBytes(StandardCharsets.UTF_8),
                    (chained ? "{\"hash\":\"" + hash + "\"}" : "{}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** What a service that never stored a frontier publishes: the whole store folded from its first event. */
    private Checkpoint fullFold() {
        List<Map<String, Object>> saved = jdbc.queryForList("select * from audit_checkpoint_frontier");
        jdbc.update("delete from audit_checkpoint_frontier");
        try {
            return start().checkpointNow();
        } finally {
            jdbc.update("delete from audit_checkpoint_frontier");
            for (Map<String, Object> row : saved) {
                jdbc.update("insert into audit_checkpoint_frontier (service, up_to_global_index, events, merkle_root, "
                                + "signed_at, key_id, signature, frontier) values (?, ?, ?, ?, ?, ?, ?, ?)",
                        row.get("service"), row.get("up_to_global_index"), row.get("events"), row.get("merkle_root"),
                        row.get("signed_at"), row.get("key_id"), row.get("signature"), row.get("frontier"));
            }
        }
    }

    private static void assertSameTree(Checkpoint resumed, Checkpoint folded) {
        assertThat(resumed.upToGlobalIndex()).isEqualTo(folded.upToGlobalIndex());
        assertThat(resumed.events()).isEqualTo(folded.events());
        assertThat(resumed.merkleRoot()).isEqualTo(folded.merkleRoot());
    }

    private List<String> warnings() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    @DisplayName("After a restart the first checkpoint goes on from the stored frontier, and is the full fold's")
    void givenAStoredFrontier_whenStartedAgainAfterMoreEvents_thenTheCheckpointIsTheFullFolds() {
        append(1, 37);
        Checkpoint beforeStop = start().checkpointNow();
        assertThat(beforeStop.upToGlobalIndex()).isEqualTo(37);
        assertThat(beforeStop.events()).isEqualTo(30);
        assertThat(jdbc.queryForObject("select up_to_global_index from audit_checkpoint_frontier "
                + "where service = 'order-command'", Long.class)).isEqualTo(37);

        // while the service is stopped: more events, one index (60) used up by a rolled-back transaction
        clock.advance(Duration.ofMinutes(1));
        append(38, 100, 60);
        // and an event the stored frontier covers is changed: a resumed tree never reads it again
        String original = jdbc.queryForObject("select convert_from(meta_data, 'UTF8') from domain_event_entry "
                + "where global_index = 3", String.class);
        jdbc.update("update domain_event_entry set meta_data = ? where global_index = 3",
                ("{\"hash\":\"" + "ab".repeat(32) + "\"}").getBytes(StandardCharsets.UTF_8));
        Checkpoint resumed = start().checkpointNow();
        jdbc.update("update domain_event_entry set meta_data = ? where global_index = 3",
                original.getBytes(StandardCharsets.UTF_8));

        // the gap is younger than the gap wait: like a full fold, the checkpoint stops before it
        assertThat(resumed.upToGlobalIndex()).isEqualTo(59);
        assertSameTree(resumed, fullFold());
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage()
                .contains("Resumed the audit Merkle tree from its stored frontier: 30 events up to global index 37"));

        clock.advance(GAP_WAIT.plusSeconds(1));
        Checkpointer running = start();
        Checkpoint settled = running.checkpointNow();
        assertThat(settled.upToGlobalIndex()).isEqualTo(100);
        assertThat(settled.events()).isEqualTo(80);
        assertSameTree(settled, fullFold());
        assertThat(warnings()).isEmpty();

        append(101, 140);
        assertSameTree(running.checkpointNow(), fullFold());
        assertThat(log.read("order-command")).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(published -> assertThat(published.signature()).isNotBlank());
    }

    @Test
    @DisplayName("A store without a stored frontier (from before frontiers, or new) is folded from its first event")
    void givenNoStoredFrontier_whenStarted_thenTheWholeStoreIsFolded() {
        Checkpoint empty = start().checkpointNow();
        assertThat(empty.upToGlobalIndex()).isZero();
        assertThat(empty.events()).isZero();
        assertThat(empty.merkleRoot()).isEqualTo(Sha256.hex(Sha256.digest()));

        append(1, 64);
        jdbc.update("delete from audit_checkpoint_frontier");
        Checkpoint folded = start().checkpointNow();
        assertThat(folded.upToGlobalIndex()).isEqualTo(64);
        assertThat(folded.events()).isEqualTo(52);
        assertThat(logged.list).anyMatch(e -> e.getFormattedMessage().contains("No stored Merkle frontier"));
        assertThat(warnings()).isEmpty();
    }

    @Test
    @DisplayName("A tampered frontier is not trusted: the service warns, folds the whole store and publishes its root")
    void givenATamperedFrontier_whenStarted_thenItWarnsAndFoldsTheWholeStore() {
        append(1, 45);
        start().checkpointNow();
        append(46, 80);
        Checkpoint honest = fullFold();

        // one subtree root changed: the frontier no longer gives the signed root
        jdbc.update("update audit_checkpoint_frontier "
                + "set frontier = set_byte(frontier, 0, 255 - get_byte(frontier, 0))");
        assertSameTree(start().checkpointNow(), honest);
        assertThat(warnings()).anyMatch(w -> w.contains("does not give its signed root"));

        // a frontier and a root that agree, but a root the service never signed
        logged.list.clear();
        jdbc.update("update audit_checkpoint_frontier set frontier = ?, merkle_root = ?, events = 1",
                Sha256.fromHex("cd".repeat(32)), MerkleTree.restore(1, List.of("cd".repeat(32))).root());
        assertSameTree(start().checkpointNow(), honest);
        assertThat(warnings()).anyMatch(w -> w.contains("is not signed by a trusted key"));

        // a frontier cut short
        logged.list.clear();
        jdbc.update("update audit_checkpoint_frontier set frontier = substring(frontier from 1 for 31)");
        assertSameTree(start().checkpointNow(), honest);
        assertThat(warnings()).anyMatch(w -> w.contains("is malformed"));

        // and the checkpoint published after a fold stores a good frontier again
        logged.list.clear();
        append(81, 90);
        assertSameTree(start().checkpointNow(), fullFold());
        assertThat(warnings()).isEmpty();
    }

    /** The test's clock: the gap wait is judged against it, so a test moves time instead of sleeping. */
}
