package io.brigade.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** What the devstack was asked for on its command line; every option has a default that runs. */
record DevstackOptions(boolean clean, boolean simulate, Path dataDirectory, int postgresPort, int kafkaPort,
                       String externalDatabaseUrl, Duration simulationPace, int waiters, int portOffset,
                       boolean durable, boolean processes, int instances, Set<String> scaled) {

    /** The services that may run several times: the command services and catalog-query. */
    static final Set<String> SCALABLE = Set.of("order-command", "kitchen-command", "billing-command",
            "catalog-query");

    /** Further instances of a service listen this far above the one before. */
    static final int INSTANCE_PORT_STEP = 100;

    DevstackOptions(boolean clean, boolean simulate, Path dataDirectory, int postgresPort, int kafkaPort,
                    String externalDatabaseUrl, Duration simulationPace, int waiters, int portOffset,
                    boolean durable, boolean processes) {
        this(clean, simulate, dataDirectory, postgresPort, kafkaPort, externalDatabaseUrl, simulationPace, waiters,
                portOffset, durable, processes, 1, SCALABLE);
    }

    DevstackOptions {
        if (instances < 1 || instances > 9) {
            throw new IllegalArgumentException("--instances must be between 1 and 9");
        }
        if (!SCALABLE.containsAll(scaled)) {
            throw new IllegalArgumentException("--scale takes some of " + SCALABLE);
        }
        scaled = Set.copyOf(scaled);
    }

    /** How many instances of a service run. */
    int instancesOf(String service) {
        return scaled.contains(service) ? instances : 1;
    }

    static DevstackOptions parse(String[] args) {
        boolean clean = false;
        boolean simulate = false;
        Path data = Path.of(env("BRIGADE_DATA_DIR", ".brigade"));
        int postgresPort = Integer.parseInt(env("BRIGADE_DB_PORT", "5433"));
        int kafkaPort = Integer.parseInt(env("BRIGADE_KAFKA_PORT", "9092"));
        int portOffset = Integer.parseInt(env("BRIGADE_PORT_OFFSET", "0"));
        Duration pace = Duration.ofMillis(Long.parseLong(env("BRIGADE_SIMULATION_PACE_MS", "1500")));
        int waiters = 3;
        boolean durable = !env("BRIGADE_DB_FSYNC", "on").equalsIgnoreCase("off");
        boolean processes = false;
        int instances = Integer.parseInt(env("BRIGADE_INSTANCES", "1"));
        Set<String> scaled = SCALABLE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--clean" -> clean = true;
                case "--simulate" -> simulate = true;
                case "--processes" -> processes = true;
                case "--instances" -> instances = Integer.parseInt(args[++i]);
                case "--scale" -> scaled = Set.of(args[++i].split(","));
                case "--data-dir" -> data = Path.of(args[++i]);
                case "--db-port" -> postgresPort = Integer.parseInt(args[++i]);
                case "--kafka-port" -> kafkaPort = Integer.parseInt(args[++i]);
                case "--port-offset" -> portOffset = Integer.parseInt(args[++i]);
                case "--pace-ms" -> pace = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--waiters" -> waiters = Integer.parseInt(args[++i]);
                case "--help", "-h" -> {
                    System.out.println(usage());
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + usage());
            }
        }
        return new DevstackOptions(clean, simulate, data, postgresPort, kafkaPort, System.getenv("BRIGADE_DB_URL"),
                pace, waiters, portOffset, durable, processes, instances, scaled);
    }

    static String usage() {
        return """
                java -jar devstack/target/brigade-devstack.jar [options]
                  --clean           forget all data and start from the demo data alone
                  --simulate        play a dinner service: waiters open tables, add and send lines
                  --pace-ms N       milliseconds between a simulated waiter's actions (default 1500)
                  --waiters N       simulated waiters (default 3)
                  --processes       PostgreSQL, Kafka and every service each in its own OS process, restarted
                                    when it ends (kill -9 one of them to see it come back); prints every process id
                  --instances N     N instances of order-command, kitchen-command, billing-command and
                                    catalog-query (default 1), sharing their databases, the n-th on its
                                    service's port + 100 * (n - 1); the gateway spreads requests over them
                  --scale S1,S2     run --instances of these services only (e.g. order-command,catalog-query)
                  --data-dir DIR    where PostgreSQL and Kafka keep their data (default .brigade)
                  --db-port N       embedded PostgreSQL port (default 5433)
                  --kafka-port N    Kafka broker port (default 9092)
                  --port-offset N   add N to every service's port (gateway 8080+N), to run next to another devstack
                java -jar devstack/target/brigade-devstack.jar tail TOPIC [--follow]
                  print a topic's records (key, Axon headers with the metadata, JSON payload)
                Environment (docs/operations.md lists every BRIGADE_* variable):
                  BRIGADE_DB_URL=jdbc:postgresql://host:port/ uses that server instead of the embedded one,
                  as BRIGADE_DB_USER with BRIGADE_DB_PASSWORD (default postgres, postgres)
                  BRIGADE_INSTANCES is the default of --instances
                  BRIGADE_DB_FSYNC=off trades the kept data's safety on a power cut for speed (tests only)
                  BRIGADE_PROCESS_JAVA_OPTS are the JVM options of each --processes service
                  (default -Xmx384m -XX:+UseSerialGC)
                  BRIGADE_KAFKA_SERVERS is the broker that tail reads (default localhost:9092)""";
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
