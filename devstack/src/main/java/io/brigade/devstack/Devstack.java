package io.brigade.devstack;

import io.brigade.contracts.Topics;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.embedded.EmbeddedKafkaServer;
import io.brigade.platform.embedded.EmbeddedPostgresServer;
import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs the whole of Brigade on one machine with nothing installed: a real PostgreSQL (embedded, or the server in
 * {@code BRIGADE_DB_URL}), a real Kafka broker in this process, every service in its own Spring context on its own
 * port, and the demo restaurant. Data survives restarts in {@code .brigade/} unless {@code --clean}, and also a crash:
 * an embedded PostgreSQL left running by a devstack killed without stopping is recognised and stopped first. With
 * {@code --processes}, PostgreSQL, Kafka and every service each run in an OS process of their own instead. With
 * {@code --instances N}, each command service and catalog-query runs N times, sharing its database, behind the gateway.
 */
public final class Devstack {

    private final DevstackOptions options;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<SupervisedProcess> parts = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> contexts = new HashMap<>();
    private String kafkaBootstrap;

    Devstack(DevstackOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        quietUntilServicesConfigureLogging();
        if (args.length > 0 && args[0].equals("tail")) {
            String topic = args.length > 1 ? args[1] : Topics.ORDER_EVENTS;
            boolean follow = List.of(args).contains("--follow");
            TopicTail.print(System.getenv().getOrDefault("BRIGADE_KAFKA_SERVERS", "localhost:9092"), topic, follow);
            return;
        }
        if (args.length > 0 && DevstackPart.isPart(args[0])) {
            DevstackPart.run(args);
            return;
        }
        Devstack devstack = new Devstack(DevstackOptions.parse(args));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devstack.stop();
            stopped.countDown();
        }, "devstack-shutdown"));
        devstack.start();
        stopped.await();
    }

    void start() {
        long started = System.nanoTime();
        if (options.externalDatabaseUrl() == null) {
            EmbeddedPostgresServer.stopLeftoverServer(postgresDirectory());
        }
        requireFreePorts();
        if (options.clean()) {
            deleteRecursively(options.dataDirectory());
        }
        DemoData demo = DemoData.load();
        DatabaseServer database = options.processes() ? startPartsAndDatabase(demo) : startInProcess(demo);
        printWhereEverythingListens(database, demo, Duration.ofNanos(System.nanoTime() - started));
        if (options.simulate()) {
            DinnerSimulation simulation = new DinnerSimulation(demo, url(gateway()), options.simulationPace(),
                    options.waiters());
            running.push(simulation);
            simulation.start();
        }
    }

    /**
     * PostgreSQL, then the services one after another, while the broker starts beside them: the first service's start
     * (mostly loading classes) overlaps the broker's (mostly waiting, after a crash, for the dead broker's registration
     * to expire). That service waits for the broker as any Kafka client does; the others start once it is up and the
     * consumer group members a stopped devstack left there are gone.
     */
    private DatabaseServer startInProcess(DemoData demo) {
        FutureTask<EmbeddedKafkaServer> kafka = new FutureTask<>(() -> {
            long started = System.nanoTime();
            EmbeddedKafkaServer broker = EmbeddedKafkaServer.persistent(options.kafkaPort(), kafkaDirectory(),
                    options.durable());
            System.out.printf("Kafka is up (%.1f s)%n", secondsSince(started));
            released(() -> CrashLeftovers.releaseOnBroker(broker.bootstrapServers()));
            return broker;
        });
        new Thread(kafka, "kafka-start").start();
        running.push(() -> join(kafka).close());
        kafkaBootstrap = "localhost:" + options.kafkaPort();
        long started = System.nanoTime();
        DatabaseServer database = startDatabase();
        System.out.printf("PostgreSQL is up (%.1f s)%n", secondsSince(started));
        released(() -> CrashLeftovers.releaseInDatabases(database, ownDatabases()));
        for (ServiceModule service : ServiceModule.ALL) {
            if (service != ServiceModule.ALL.get(0)) {
                join(kafka);
            }
            if (service.hasDatabase()) {
                database.ensure(service.database());
            }
            for (int instance = 1; instance <= instances(service); instance++) {
                System.out.printf("Starting %s on port %d...%n", service.instanceName(instance),
                        port(service, instance));
                long serviceStarted = System.nanoTime();
                SpringApplicationBuilder application = new SpringApplicationBuilder(service.application());
                if (instances(service) > 1) {
                    application.initializers(Devstack::ownNettyResources);
                }
                ConfigurableApplicationContext context = application
                        .run(serviceArguments(service, instance, database, demo, false));
                System.out.printf("%s is up (%.1f s)%n", service.instanceName(instance), secondsSince(serviceStarted));
                contexts.put(service.instanceName(instance), context);
                running.push(context);
            }
        }
        return database;
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting", e);
        }
    }

    private DatabaseServer startPartsAndDatabase(DemoData demo) {
        Path logs = options.dataDirectory().resolve("logs");
        DatabaseServer database;
        if (options.externalDatabaseUrl() == null) {
            System.out.println("Starting PostgreSQL on port " + options.postgresPort() + "...");
            startPart("PostgreSQL", List.of(), List.of("postgres", String.valueOf(options.postgresPort()),
                    postgresDirectory().toString(), String.valueOf(options.durable())), logs);
            database = new DatabaseServer("jdbc:postgresql://localhost:" + options.postgresPort() + "/",
                    EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
        } else {
            database = startDatabase();
        }
        System.out.println("Starting Kafka on port " + options.kafkaPort() + "...");
        startPart("Kafka", List.of(), List.of("kafka", String.valueOf(options.kafkaPort()),
                kafkaDirectory().toString(), String.valueOf(options.durable())), logs);
        kafkaBootstrap = "localhost:" + options.kafkaPort();
        releaseWhatAStoppedDevstackHeld(database);
        List<String> jvmOptions = List.of(System.getenv().getOrDefault("BRIGADE_PROCESS_JAVA_OPTS",
                "-Xmx384m -XX:+UseSerialGC").trim().split("\\s+"));
        for (ServiceModule service : ServiceModule.ALL) {
            if (service.hasDatabase()) {
                database.ensure(service.database());
            }
            for (int instance = 1; instance <= instances(service); instance++) {
                System.out.printf("Starting %s on port %d...%n", service.instanceName(instance),
                        port(service, instance));
                List<String> arguments = new ArrayList<>(List.of("service", service.name()));
                arguments.addAll(List.of(serviceArguments(service, instance, database, demo, true)));
                startPart(service.instanceName(instance), jvmOptions, arguments, logs);
            }
        }
        return database;
    }

    /**
     * Before any service starts, the devstack is the only user of its data folder and broker: it releases what one
     * that ended without stopping still held ({@link CrashLeftovers}), so its services need not wait for it to
     * expire. Not in a server given by BRIGADE_DB_URL, which others may share.
     */
    private void releaseWhatAStoppedDevstackHeld(DatabaseServer database) {
        released(() -> CrashLeftovers.release(database, ownDatabases(), kafkaBootstrap));
    }

    /** The services' databases when the devstack runs their server; none in a server given by BRIGADE_DB_URL. */
    private List<String> ownDatabases() {
        return options.externalDatabaseUrl() != null ? List.of() : ServiceModule.ALL.stream()
                .filter(ServiceModule::hasDatabase).map(ServiceModule::database).toList();
    }

    private static void released(Supplier<CrashLeftovers.Released> release) {
        try {
            long started = System.nanoTime();
            CrashLeftovers.Released released = release.get();
            if (released.any()) {
                System.out.printf("Released what a devstack that ended without stopping still held: %s (%.1f s)%n",
                        released, secondsSince(started));
            }
        } catch (RuntimeException e) {
            System.out.println("Could not release what a devstack that ended without stopping held (" + e.getMessage()
                    + "): the services take it over once it expires");
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }

    private void startPart(String name, List<String> jvmOptions, List<String> arguments, Path logs) {
        SupervisedProcess part = SupervisedProcess.start(name, jvmOptions, arguments, logs, Duration.ofMinutes(5));
        parts.add(part);
        running.push(part);
    }

    /** The parts of a {@code --processes} devstack, in start order; empty in the default mode. */
    List<SupervisedProcess> parts() {
        return List.copyOf(parts);
    }

    /** Stops one instance of a service (by its instance name, as printed) while the rest go on. */
    void stopInstance(String name) {
        ConfigurableApplicationContext context = contexts.remove(name);
        if (context != null) {
            running.remove(context);
            context.close();
            return;
        }
        SupervisedProcess part = parts.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No instance " + name));
        running.remove(part);
        part.close();
    }

    /**
     * An instance that may be stopped alone keeps Reactor Netty's threads to itself: stopping a context disposes the
     * global ones, which every other context in this JVM (the gateway's server among them) runs on.
     */
    private static void ownNettyResources(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof ReactorResourceFactory resources) {
                    resources.setUseGlobalResources(false);
                }
                return bean;
            }
        });
    }

    private int instances(ServiceModule service) {
        return options.instancesOf(service.name());
    }

    private static boolean isService(String partName) {
        return ServiceModule.ALL.stream().anyMatch(service -> partName.equals(service.name())
                || partName.startsWith(service.name() + "-"));
    }

    private Path postgresDirectory() {
        return options.dataDirectory().resolve("postgres");
    }

    private Path kafkaDirectory() {
        return options.dataDirectory().resolve("kafka");
    }

    /** Stops what was started, newest first; the services, which do not depend on each other, all at once. */
    void stop() {
        System.out.println("Brigade is stopping...");
        long started = System.nanoTime();
        List<AutoCloseable> services = new ArrayList<>();
        while (!running.isEmpty()) {
            AutoCloseable next = running.pop();
            if (next instanceof ConfigurableApplicationContext
                    || next instanceof SupervisedProcess part && isService(part.name())) {
                services.add(next);
                continue;
            }
            closeTogether(services);
            services.clear();
            close(next);
        }
        closeTogether(services);
        System.out.printf("Brigade stopped in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static void closeTogether(List<AutoCloseable> closeables) {
        List<Thread> closing = closeables.stream()
                .map(closeable -> new Thread(() -> close(closeable), "devstack-stop")).toList();
        closing.forEach(Thread::start);
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("While stopping: " + e);
        }
    }

    /**
     * A service's settings as command-line arguments, so they win over every service's own defaults (default
     * properties would not); {@code ownProcess} when the service runs alone in its JVM.
     */
    private String[] serviceArguments(ServiceModule service, int instance, DatabaseServer database, DemoData demo,
                                      boolean ownProcess) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.port", port(service, instance));
        // every service finds the others on this machine's ports
        properties.put("brigade.security.jwt.jwk-set-uri", url(service("auth-service"))
                + "/api/v1/auth/.well-known/jwks.json");
        ServiceModule.ALL.stream().filter(s -> s.gatewayKey() != null).forEach(s ->
                properties.put("brigade.gateway.services." + s.gatewayKey(), url(s)));
        // the gateway spreads requests over every instance of a service
        ServiceModule.ALL.stream().filter(s -> s.gatewayKey() != null && instances(s) > 1).forEach(s ->
                properties.put("brigade.gateway.instances." + s.gatewayKey(), String.join(",",
                        IntStream.rangeClosed(2, instances(s)).mapToObj(n -> url(s, n)).toList())));
        if (service.hasDatabase()) {
            properties.put("spring.datasource.url", database.jdbcUrl(service.database()));
            properties.put("spring.datasource.username", database.user());
            properties.put("spring.datasource.password", database.password());
        }
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrap);
        // the checkpoint signing key stays outside the databases; created on first start, kept across restarts
        properties.put("brigade.audit.signing.key-file",
                options.dataDirectory().resolve("audit-keys/" + service.name() + ".pem").toString());
        // a single instance of each service reads every partition anyway: few partitions start faster; scaled out, the
        // platform's 12 (an existing topic grows to them, and consumers merge partitions in time order)
        if (options.instances() == 1) {
            properties.put("brigade.kafka.partitions", 3);
        }
        // the first administrator and one user per role, from the demo data
        DemoData.User admin = demo.users().stream().filter(u -> u.role().equals("ADMIN")).findFirst().orElseThrow();
        properties.put("brigade.admin.username", admin.username());
        properties.put("brigade.admin.password", admin.password());
        properties.put("brigade.auth.demo-users", true);
        // the catalog starts as the demo restaurant and publishes its menu and floor for the other services
        properties.put("brigade.catalog.demo-restaurant", true);
        properties.put("brigade.catalog.app-url", url(gateway()));
        // in one JVM the devstack stops the services itself, in order; alone, a service stops on SIGTERM
        properties.put("spring.main.register-shutdown-hook", ownProcess);
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.structured.format.file", "ecs");
        if (ownProcess) {
            properties.put("logging.file.name",
                    options.dataDirectory().resolve("logs/" + service.instanceName(instance) + ".log").toString());
            properties.put("logging.structured.ecs.service.name", service.name());
            properties.put("logging.structured.ecs.service.node-name", service.instanceName(instance));
        } else {
            properties.put("logging.file.name", options.dataDirectory().resolve("logs/brigade.log").toString());
            // every service logs through the one logging system of this process, so no service's name would be right
            properties.put("logging.structured.ecs.service.name", "brigade-devstack");
        }
        properties.put("logging.threshold.console", "WARN");
        return properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new);
    }

    private int port(ServiceModule service) {
        return port(service, 1);
    }

    private int port(ServiceModule service, int instance) {
        return service.port() + options.portOffset() + DevstackOptions.INSTANCE_PORT_STEP * (instance - 1);
    }

    private String url(ServiceModule service) {
        return url(service, 1);
    }

    private String url(ServiceModule service, int instance) {
        return "http://localhost:" + port(service, instance);
    }

    private static ServiceModule service(String name) {
        return ServiceModule.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static ServiceModule gateway() {
        return service("gateway");
    }

    private DatabaseServer startDatabase() {
        if (options.externalDatabaseUrl() != null) {
            String base = options.externalDatabaseUrl().endsWith("/") ? options.externalDatabaseUrl()
                    : options.externalDatabaseUrl() + "/";
            String user = System.getenv().getOrDefault("BRIGADE_DB_USER", "postgres");
            String password = System.getenv().getOrDefault("BRIGADE_DB_PASSWORD", "postgres");
            return new DatabaseServer(base, user, password);
        }
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.persistent(options.postgresPort(),
                postgresDirectory(), options.durable());
        running.push(postgres);
        return new DatabaseServer("jdbc:postgresql://localhost:" + postgres.port() + "/",
                EmbeddedPostgresServer.USER, EmbeddedPostgresServer.PASSWORD);
    }

    private void printWhereEverythingListens(DatabaseServer database, DemoData demo, Duration took) {
        StringBuilder out = new StringBuilder("\nBrigade is up (" + took.toMillis() / 100 / 10.0 + " s)\n");
        ServiceModule.ALL.forEach(s -> IntStream.rangeClosed(1, instances(s)).forEach(n ->
                out.append(String.format("  %-22s http://localhost:%d/api/v1  %s%n", s.instanceName(n), port(s, n),
                        s.hasDatabase() ? "(database " + s.database() + ")" : "(clients use this one)"))));
        out.append(String.format("  %-22s %s%n", "PostgreSQL", database.baseUrl()));
        out.append(String.format("  %-22s %s%n", "Kafka", kafkaBootstrap));
        out.append(String.format("  %-22s %s%n", "Logs", options.processes() ? options.dataDirectory().resolve("logs")
                : options.dataDirectory().resolve("logs/brigade.log")));
        if (options.processes()) {
            out.append("  Processes (kill -9 any one: it is started again):\n");
            parts.forEach(part -> out.append(String.format("    %-20s process %d%s%n", part.name(), part.pid(),
                    part.readyDetail().isEmpty() ? "" : " (" + part.readyDetail() + ")")));
        } else {
            out.append(String.format("  %-22s process %d%s%n", "Devstack", ProcessHandle.current().pid(),
                    running.stream().filter(EmbeddedPostgresServer.class::isInstance)
                            .map(EmbeddedPostgresServer.class::cast).findFirst().flatMap(EmbeddedPostgresServer::pid)
                            .map(pid -> " (PostgreSQL server process " + pid + ")").orElse("")));
        }
        out.append("  Demo users (POST " + url(gateway()) + "/api/v1/auth/login {username, password}):\n");
        demo.users().forEach(u -> out.append(String.format("    %-10s %-8s password %s%n", u.username(), u.role(),
                u.password())));
        out.append("  Stop with Ctrl-C.\n");
        System.out.println(out);
    }

    /** Fails before touching any data when another devstack (or anything else) holds one of its ports. */
    private void requireFreePorts() {
        List<Integer> ports = new ArrayList<>(List.of(options.kafkaPort(), options.kafkaPort() + 1000));
        if (options.externalDatabaseUrl() == null) {
            ports.add(options.postgresPort());
        }
        ServiceModule.ALL.forEach(service -> IntStream.rangeClosed(1, instances(service))
                .forEach(instance -> ports.add(port(service, instance))));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress("localhost", port));
            } catch (IOException e) {
                throw new IllegalStateException("Port " + port + " is in use: is another devstack still running? "
                        + "Stop it, or choose other ports (--help).");
            }
        }
    }

    private static void quietUntilServicesConfigureLogging() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PostgreSQL server: where it is, and how to make a service's database on it. */
    record DatabaseServer(String baseUrl, String user, String password) {

        String jdbcUrl(String database) {
            return baseUrl + database;
        }

        void ensure(String database) {
            if (!exists(database)) {
                try (Connection connection = DriverManager.getConnection(baseUrl + "postgres", user, password);
                     Statement statement = connection.createStatement()) {
                    statement.execute("create database " + database);
                } catch (SQLException e) {
                    throw new IllegalStateException("Could not create database " + database, e);
                }
            }
        }

        boolean exists(String database) {
            try (Connection connection = DriverManager.getConnection(baseUrl + "postgres", user, password);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(
                         "select 1 from pg_database where datname = '" + database + "'")) {
                return rs.next();
            } catch (SQLException e) {
                throw new IllegalStateException("Could not look for database " + database, e);
            }
        }
    }
}
