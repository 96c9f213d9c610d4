package io.brigade.benchmarks;

import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderId;
import io.brigade.order.OrderServiceApplication;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The order service on embedded PostgreSQL and Kafka: order-opening commands per second on 1 and 8 threads (each one
 * loads a new aggregate, checks the floor, appends its event and records the table as taken in the same transaction),
 * and the time from a command being sent to its event arriving at a Kafka consumer.
 */
final class OrderServiceBenchmark implements AutoCloseable {

    private static final MetaData WAITER = MetaData.with("userId", "bench").and("username", "bench")
            .and("role", "STAFF");

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext service;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;

    OrderServiceBenchmark() {
        service = stage.start(OrderServiceApplication.class);
        commands = service.getBean(CommandGateway.class);
        jdbc = service.getBean(JdbcTemplate.class);
    }

    /** Opens {@code count} orders on {@code threads} threads, each on a table of its own; answers commands/s. */
    double openOrdersPerSecond(int count, int threads) throws Exception {
        List<TableId> tables = newTables(count);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        commands.sendAndWait(new OpenOrder(OrderId.random(), tables.get(i), 2), WAITER);
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
        List<TableId> tables = newTables(count);
        double[] millis = new double[count];
        try (TopicArrivals opened = new TopicArrivals(stage.topic(Topics.ORDER_EVENTS), "OrderOpened")) {
            for (int i = 0; i < count; i++) {
                OrderId order = OrderId.random();
                long sent = System.nanoTime();
                commands.sendAndWait(new OpenOrder(order, tables.get(i), 2), WAITER);
                millis[i] = (opened.await(order.toString()) - sent) / 1e6;
            }
        }
        return millis;
    }

    private List<TableId> newTables(int count) {
        List<TableId> tables = new ArrayList<>(count);
        List<Object[]> rows = new ArrayList<>(count);
        int base = jdbc.queryForObject("select coalesce(max(number), 0) from dining_table", Integer.class);
        for (int i = 0; i < count; i++) {
            TableId table = TableId.random();
            tables.add(table);
            rows.add(new Object[]{table.value(), base + i + 1});
        }
        jdbc.batchUpdate("insert into dining_table (id, number) values (?, ?)", rows);
        return tables;
    }

    @Override
    public void close() {
        service.close();
    }
}
