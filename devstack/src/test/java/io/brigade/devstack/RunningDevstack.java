package io.brigade.devstack;

import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's devstack started for a test on free ports, in a data folder of its own, used as a client would: through
 * the gateway, signed in as the demo staff. Its databases can be read directly to check what was stored.
 */
public final class RunningDevstack implements AutoCloseable {

    public static final DemoData DEMO = DemoData.load();

    private final Path data;
    private final Devstack devstack;
    private final int gatewayPort;
    private final int postgresPort;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();

    private RunningDevstack(Path data, Devstack devstack, int gatewayPort, int postgresPort) {
        this.data = data;
        this.devstack = devstack;
        this.gatewayPort = gatewayPort;
        this.postgresPort = postgresPort;
    }

    public static RunningDevstack start() throws IOException {
        Path data = Files.createTempDirectory("brigade-devstack-test");
        int base = freeBase();
        Devstack devstack = new Devstack(new DevstackOptions(false, false, data, base + 10, base + 11, null,
                Duration.ofMillis(1500), 3, base - 8080, false, false));
        devstack.start();
        return new RunningDevstack(data, devstack, base, base + 10);
    }

    /** The devstack with {@code instances} instances of each of {@code services}, as {@code --instances --scale}. */
    public static RunningDevstack startScaledOut(int instances, java.util.Set<String> services) throws IOException {
        Path data = Files.createTempDirectory("brigade-devstack-test");
        int base = freeBase(instances);
        Devstack devstack = new Devstack(new DevstackOptions(false, false, data, base + 10, base + 11, null,
                Duration.ofMillis(1500), 3, base - 8080, false, false, instances, services));
        devstack.start();
        return new RunningDevstack(data, devstack, base, base + 10);
    }

    /** Where the n-th instance (from 1) of a service with default port {@code defaultPort} listens. */
    public String instanceUrl(int defaultPort, int instance) {
        return "http://localhost:" + (defaultPort - 8080 + gatewayPort
                + DevstackOptions.INSTANCE_PORT_STEP * (instance - 1));
    }

    public String databaseUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgresPort + "/" + database;
    }

    /** Stops one instance (by its printed name, e.g. {@code order-command-2}) while everything else goes on. */
    public void stopInstance(String name) {
        devstack.stopInstance(name);
    }

    public ApiClient gateway() {
        return ApiClient.at("http://localhost:" + gatewayPort);
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String ws() {
        return "ws://localhost:" + gatewayPort + "/ws";
    }

    public String signIn(String demoUser) {
        DemoData.User user = DEMO.users().stream().filter(u -> u.username().equals(demoUser)).findFirst()
                .orElseThrow();
        return signIn(user.username(), user.password());
    }

    public String signIn(String username, String password) {
        var login = gateway().post("/api/v1/auth/login", Map.of("username", username, "password", password));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        return login.text("accessToken");
    }

    /**
     * The README's command, {@code java ... io.brigade.devstack.Devstack arguments}, as a process of its own on the
     * data folder {@code data} and the ports from {@code base} (the gateway's; PostgreSQL on base + 10, Kafka + 11).
     */
    public static ProcessBuilder devstackProcess(List<String> jvmOptions, Path data, int base, String... arguments) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), Devstack.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BRIGADE_DATA_DIR", data.toString());
        builder.environment().put("BRIGADE_PORT_OFFSET", String.valueOf(base - 8080));
        builder.environment().put("BRIGADE_DB_PORT", String.valueOf(base + 10));
        builder.environment().put("BRIGADE_KAFKA_PORT", String.valueOf(base + 11));
        return builder;
    }

    /** A client of the gateway on {@code gatewayPort}, signed in as the demo user {@code demoUser}. */
    public static ApiClient signedIn(int gatewayPort, String demoUser) {
        DemoData.User user = DEMO.users().stream().filter(u -> u.username().equals(demoUser)).findFirst()
                .orElseThrow();
        ApiClient gateway = ApiClient.at("http://localhost:" + gatewayPort);
        var login = gateway.post("/api/v1/auth/login", Map.of("username", user.username(), "password",
                user.password()));
        assertThat(login.status()).as(login.raw()).isEqualTo(200);
        return gateway.withBearer(login.text("accessToken"));
    }

    /** The lines the devstack's services and gateway have logged so far (ECS JSON, one event a line). */
    public List<String> logLines() {
        try {
            return Files.readAllLines(data.resolve("logs/brigade.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A libpq address of one of the devstack's databases, for a tool such as {@code psql} that edits it directly. */
    public String postgresAddress(String database) {
        return "postgresql://postgres:postgres@localhost:" + postgresPort + "/" + database;
    }

    /** How many rows {@code table} of {@code database} holds right now. */
    public long rows(String database, String table) {
        try (ResultSet count = connection(database).createStatement().executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many events of a type (its simple name) one aggregate has in a service's event store. */
    public long events(String database, String aggregateId, String type) {
        try (var query = connection(database).prepareStatement("select count(*) from domain_event_entry"
                + " where aggregate_identifier = ? and payload_type like ?")) {
            query.setString(1, aggregateId);
            query.setString(2, "%." + type);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The types, aggregates and times of the newest events in a service's event store, newest first. */
    public List<String> newestEvents(String database, int count) {
        List<String> events = new ArrayList<>();
        try (ResultSet rows = connection(database).createStatement().executeQuery(
                "select payload_type, aggregate_identifier, sequence_number, time_stamp from domain_event_entry"
                        + " order by global_index desc limit " + count)) {
            while (rows.next()) {
                events.add(rows.getString(1) + " " + rows.getString(2) + "#" + rows.getLong(3) + " at "
                        + rows.getString(4));
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connection(String database) {
        return connections.computeIfAbsent(database, name -> {
            try {
                return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/" + name,
                        "postgres", "postgres");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        for (Connection connection : connections.values()) {
            try {
                connection.close();
            } catch (SQLException e) {
                // the server stops next anyway
            }
        }
        devstack.stop();
        FileSystemUtils.deleteRecursively(data);
    }

    /**
     * A port from which the gateway and the services (base to base + 6), PostgreSQL (base + 10) and Kafka (base + 11,
     * its controller base + 1011) can all listen.
     */
    public static int freeBase() {
        return freeBase(1);
    }

    /** As {@link #freeBase()}, with further instances of the services on base + 100 to base + 106, and so on. */
    static int freeBase(int instances) {
        for (int attempt = 0; attempt < 50; attempt++) {
            // below Linux's ephemeral range (from 32768), where the system's own client sockets could take a port
            int base = ThreadLocalRandom.current().nextInt(20_000, 31_000);
            IntStream more = IntStream.range(1, instances).flatMap(n -> IntStream.rangeClosed(
                    base + DevstackOptions.INSTANCE_PORT_STEP * n, base + DevstackOptions.INSTANCE_PORT_STEP * n + 6));
            if (IntStream.concat(IntStream.concat(IntStream.rangeClosed(base, base + 11), IntStream.of(base + 1011)),
                    more).allMatch(RunningDevstack::free)) {
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
