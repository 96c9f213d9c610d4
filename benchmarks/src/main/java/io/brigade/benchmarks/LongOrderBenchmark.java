package io.brigade.benchmarks;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.axon.AggregateCache;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One order growing a line at a time, on Brigade's order service (embedded PostgreSQL and Kafka): the time each
 * AddOrderLine takes as the order grows, with the order kept in memory between commands, as the service runs, and
 * with it loaded from its events, as it was before orders were kept (the kept one is dropped before the command). The
 * two take turns on the same order, line by line, so both see the same order and the same machine.
 */
final class LongOrderBenchmark implements AutoCloseable {

    /** Lines of each order, in groups of {@link #GROUP}: the order has about as many events as lines. */
    static final int LINES = 200;
    static final int GROUP = 50;
    private static final MetaData WAITER = MetaData.with("userId", "bench").and("username", "bench")
            .and("role", "STAFF");

    private final OrderServiceBenchmark service;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final AggregateCache kept;
    private final UUID dish = UUID.randomUUID();

    /** Each line's milliseconds, kept and loaded, by group of {@link #GROUP} lines. */
    record Growth(List<double[]> kept, List<double[]> loaded) {
    }

    LongOrderBenchmark() {
        service = OrderServiceBenchmark.brigade();
        commands = service.service().getBean(CommandGateway.class);
        jdbc = service.service().getBean(JdbcTemplate.class);
        kept = service.service().getBean(AggregateCache.class);
        jdbc.update("insert into menu_item (id, name, price_cents, station) values (?, 'Bench steak', 2400, 'grill')",
                dish);
    }

    /** A new order grown to {@link #LINES} lines. */
    Growth grow() {
        UUID table = UUID.randomUUID();
        jdbc.update("insert into dining_table (id, number) values (?, "
                + "(select coalesce(max(number), 0) + 1 from dining_table))", table);
        OrderId order = OrderId.of(UUID.randomUUID());
        commands.sendAndWait(new OpenOrder(order, TableId.of(table), 2), WAITER);
        List<double[]> keptMillis = new ArrayList<>();
        List<double[]> loadedMillis = new ArrayList<>();
        for (int group = 0; group < LINES / GROUP; group++) {
            double[] keptGroup = new double[GROUP / 2];
            double[] loadedGroup = new double[GROUP / 2];
            for (int i = 0; i < GROUP; i++) {
                boolean loaded = i % 2 == 1;
                if (loaded) {
                    kept.remove(order.toString());
                }
                long sent = System.nanoTime();
                commands.sendAndWait(new AddOrderLine(order, LineId.random(), MenuItemId.of(dish), 1, List.of(),
                        null, null, null), WAITER);
                (loaded ? loadedGroup : keptGroup)[i / 2] = (System.nanoTime() - sent) / 1e6;
            }
            keptMillis.add(keptGroup);
            loadedMillis.add(loadedGroup);
        }
        return new Growth(keptMillis, loadedMillis);
    }

    @Override
    public void close() {
        service.close();
    }
}
