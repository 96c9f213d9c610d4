package io.brigade.benchmarks;

import io.brigade.benchmarks.baseline.BaselineApplication;
import io.brigade.benchmarks.baseline.OpenTab;
import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderId;
import io.brigade.order.OrderServiceApplication;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.messaging.MetaData;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * A service that opens orders, on embedded PostgreSQL and Kafka: Brigade's order service, or the plain-Axon baseline
 * that does the same work. Order-opening commands per second on 1 and 8 threads (each one checks the table exists and
 * is free, appends its event and records the table as taken in the same transaction), and the time from a command
 * being sent to its event arriving at a Kafka consumer.
 */
final class OrderServiceBenchmark implements AutoCloseable {

    static final String COMMAND_THREADS = "order-commands-";
    private static final MetaData WAITER = MetaData.with("userId", "bench").and("username", "bench")
            .and("role", "STAFF");

    private final ConfigurableApplicationContext service;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final BiFunction<UUID, UUID, Object> openCommand;
    private final MetaData metaData;
    private final String topic;
    private final String openedType;

    private OrderServiceBenchmark(ConfigurableApplicationContext service,
                                  BiFunction<UUID, UUID, Object> openCommand, MetaData metaData, String topic,
                                  String openedType) {
        this.service = service;
        this.commands = service.getBean(CommandGateway.class);
        this.jdbc = service.getBean(JdbcTemplate.class);
        this.openCommand = openCommand;
        this.metaData = metaData;
        this.topic = topic;
        this.openedType = openedType;
    }

    /** Brigade's order service, as a waiter's request reaches it: with the caller in the command's metadata. */
    static OrderServiceBenchmark brigade(String... properties) {
        return brigade(new BenchmarkStage(), properties);
    }

    static OrderServiceBenchmark brigade(BenchmarkStage stage, String... properties) {
        return new OrderServiceBenchmark(stage.start(OrderServiceApplication.class, properties),
                (order, table) -> new OpenOrder(OrderId.of(order), TableId.of(table), 2), WAITER,
                stage.topic(Topics.ORDER_EVENTS), "OrderOpened");
    }

    /** The plain-Axon service of the same run, storing its events with Axon's own mapping. */
    static OrderServiceBenchmark baseline() {
        BenchmarkStage stage = new BenchmarkStage();
        String topic = stage.topic("baseline.events");
        OrderServiceBenchmark baseline = new OrderServiceBenchmark(stage.start(BaselineApplication.class,
                "spring.application.name=baseline",
                "management.endpoint.health.group.readiness.include=readinessState,db",
                "spring.flyway.locations=classpath:db/axon,classpath:db/baseline",
                // Axon's own mapping of the stored event: the global index asked of the sequence before each insert
                "spring.jpa.mapping-resources=",
                "axon.eventhandling.processors.open-tabs.mode=subscribing",
                "axon.kafka.default-topic=" + topic),
                (tab, table) -> new OpenTab(tab.toString(), table.toString(), 2), MetaData.emptyInstance(), topic,
                "TabOpened");
        if (baseline.numbersEventsOnInsert()) {
            baseline.close();
            throw new IllegalStateException("The baseline must store its events as plain Axon does, asking the "
                    + "sequence for each event's global index before inserting it");
        }
        return baseline;
    }

    /** Whether a stored event takes its global index from its own insert, rather than asking the sequence first. */
    boolean numbersEventsOnInsert() {
        return service.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class)
                .getMappingMetamodel().getEntityDescriptor(DomainEventEntry.class).getGenerator()
                .generatedOnExecution();
    }

    ConfigurableApplicationContext service() {
        return service;
    }

    /** Opens {@code count} orders on {@code threads} threads, each on a table of its own; answers commands/s. */
    double openOrdersPerSecond(int count, int threads) throws Exception {
        List<UUID> tables = newTables(count);
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                runnable -> new Thread(runnable, COMMAND_THREADS + named.incrementAndGet()));
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        commands.sendAndWait(openCommand.apply(UUID.randomUUID(), tables.get(i)), metaData);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Sends {@code count} commands one after another; answers each one's milliseconds until a consumer got it. */
    double[] commandToKafkaMillis(int count) throws Exception {
        List<UUID> tables = newTables(count);
        double[] millis = new double[count];
        try (TopicArrivals opened = new TopicArrivals(topic, openedType)) {
            for (int i = 0; i < count; i++) {
                UUID order = UUID.randomUUID();
                long sent = System.nanoTime();
                commands.sendAndWait(openCommand.apply(order, tables.get(i)), metaData);
                millis[i] = (opened.await(order.toString()) - sent) / 1e6;
            }
        }
        return millis;
    }

    /** Sends {@code count} commands one after another; answers each one's milliseconds until it was answered. */
    double[] commandMillis(int count) {
        List<UUID> tables = newTables(count);
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long sent = System.nanoTime();
            commands.sendAndWait(openCommand.apply(UUID.randomUUID(), tables.get(i)), metaData);
            millis[i] = (System.nanoTime() - sent) / 1e6;
        }
        return millis;
    }

    private List<UUID> newTables(int count) {
        List<UUID> tables = new ArrayList<>(count);
        List<Object[]> rows = new ArrayList<>(count);
        int base = jdbc.queryForObject("select coalesce(max(number), 0) from dining_table", Integer.class);
        for (int i = 0; i < count; i++) {
            UUID table = UUID.randomUUID();
            tables.add(table);
            rows.add(new Object[]{table, base + i + 1});
        }
        jdbc.batchUpdate("insert into dining_table (id, number) values (?, ?)", rows);
        return tables;
    }

    @Override
    public void close() {
        service.close();
    }
}
