package io.brigade.devstack;

import io.brigade.platform.embedded.EmbeddedKafkaServer;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a devstack killed with kill -9 leaves held, released by the next one before its services start: on a real
 * PostgreSQL with the services' own schemas, and a real Kafka broker whose group member was a killed JVM.
 */
class CrashLeftoversTest {

    private static final String GONE = "4242@killed-devstack";

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaServer kafka;
    private static Devstack.DatabaseServer server;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgresServer.ephemeral();
        kafka = EmbeddedKafkaServer.start(0);
        server = new Devstack.DatabaseServer("jdbc:postgresql://localhost:" + postgres.port() + "/",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        kafka.close();
        postgres.close();
    }

    @Test
    void givenClaimsAndDeadlinesOfAKilledDevstack_whenReleased_thenANewProcessClaimsAtOnce_andTheDeadlineIsDue()
            throws Exception {
        server.ensure("order_db");
        try (Connection connection = connect("order_db"); Statement statement = connection.createStatement()) {
            statement.execute(resource("db/axon/V1__axon_event_store.sql"));
            statement.execute(resource("db/order-command/V3__saga_deadlines.sql"));
            statement.executeUpdate("insert into token_entry (processor_name, segment, timestamp, owner) values"
                    + " ('fulfillment', 0, '" + Instant.now() + "', '" + GONE + "')");
            statement.executeUpdate("insert into scheduled_tasks (task_name, task_instance, execution_time, picked,"
                    + " picked_by, last_heartbeat, version) values ('AxonDeadline', 'kitchen-delayed', now(), true, '"
                    + GONE + "', now(), 3)");
        }
        JdbcTokenStore newProcess = tokenStore("order_db", "5151@restarted-devstack");
        assertThatThrownBy(() -> newProcess.fetchToken("fulfillment", 0))
                .as("the claim of the killed process holds for the claim timeout")
                .isInstanceOf(UnableToClaimTokenException.class);

        CrashLeftovers.Released released = CrashLeftovers.release(server, List.of("order_db", "kitchen_db"),
                kafka.bootstrapServers());

        assertThat(released.tokenClaims()).isEqualTo(1);
        assertThat(released.pickedDeadlines()).isEqualTo(1);
        assertThat(newProcess.fetchToken("fulfillment", 0)).isNull();
        try (Connection connection = connect("order_db"); Statement statement = connection.createStatement();
             ResultSet task = statement.executeQuery("select picked, picked_by, version from scheduled_tasks")) {
            assertThat(task.next()).isTrue();
            assertThat(task.getBoolean("picked")).isFalse();
            assertThat(task.getString("picked_by")).isNull();
            assertThat(task.getLong("version")).as("a scheduler still holding version 3 cannot complete it")
                    .isEqualTo(4);
        }
        newProcess.releaseClaim("fulfillment", 0);
        assertThat(CrashLeftovers.release(server, List.of("order_db"), kafka.bootstrapServers()).any())
                .as("nothing held any more").isFalse();
    }

    @Test
    void givenAGroupMemberInAKilledProcess_whenReleased_thenANewMemberGetsEveryPartitionWithoutWaitingForItsSession()
            throws Exception {
        String topic = "brigade.crash-leftovers.events";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Process member = groupMemberInItsOwnJvm(topic);
        try {
            member.destroyForcibly();
            assertThat(member.waitFor(30, TimeUnit.SECONDS)).isTrue();

            CrashLeftovers.Released released = CrashLeftovers.release(server, List.of(), kafka.bootstrapServers());
            assertThat(released.groupMembers()).isEqualTo(1);

            long joining = System.nanoTime();
            try (KafkaConsumer<byte[], byte[]> successor = consumer()) {
                successor.subscribe(List.of(topic));
                while (successor.assignment().size() < 3
                        && System.nanoTime() - joining < Duration.ofSeconds(40).toNanos()) {
                    successor.poll(Duration.ofMillis(200));
                }
                // the killed member's session is 60 s: only its removal lets the successor in before that
                assertThat(successor.assignment()).hasSize(3);
            }
        } finally {
            member.destroyForcibly();
        }
    }

    /** {@link GroupMember} in a JVM of its own, once it has its partitions. */
    private Process groupMemberInItsOwnJvm(String topic) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-cp", classpath, GroupMember.class.getName(),
                kafka.bootstrapServers(), topic).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null) {
            if (line.equals(GroupMember.ASSIGNED)) {
                return process;
            }
        }
        throw new AssertionError("The group member ended before it had its partitions: " + process.waitFor());
    }

    /** A consumer of group {@code leftovers} that holds the partitions of a topic until it is killed. */
    static final class GroupMember {

        static final String ASSIGNED = "assigned";

        public static void main(String[] args) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config(args[0]))) {
                consumer.subscribe(List.of(args[1]));
                boolean told = false;
                while (true) {
                    consumer.poll(Duration.ofMillis(200));
                    if (!told && consumer.assignment().size() == 3) {
                        System.out.println(ASSIGNED);
                        System.out.flush();
                        told = true;
                    }
                }
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(config(kafka.bootstrapServers()));
    }

    private static Map<String, Object> config(String bootstrapServers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "leftovers",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 60_000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    private static JdbcTokenStore tokenStore(String database, String owner) {
        ConnectionProvider connections = () -> connect(database);
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(JacksonSerializer.defaultSerializer())
                .schema(TokenSchema.builder().setTokenTable("token_entry").setProcessorNameColumn("processor_name")
                        .setTokenTypeColumn("token_type").build())
                .claimTimeout(Duration.ofSeconds(10))
                .nodeId(owner)
                .build();
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), server.user(), server.password());
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = CrashLeftoversTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
