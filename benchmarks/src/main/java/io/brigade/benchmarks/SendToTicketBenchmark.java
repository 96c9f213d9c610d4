package io.brigade.benchmarks;

import io.brigade.contracts.Topics;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderId;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.ApiClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Order and kitchen services side by side: the time from a waiter's {@code POST /orders/{id}/send} to the kitchen's
 * {@code TicketCreated} for it arriving on the kitchen topic, through the order topic, the kitchen's consumer and
 * its event store.
 */
final class SendToTicketBenchmark implements AutoCloseable {

    private static final DemoData DEMO = DemoData.load();
    private static final MetaData WAITER = MetaData.with("userId", "bench").and("username", "bench")
            .and("role", "STAFF");

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext orders;
    private final ConfigurableApplicationContext kitchen;
    private final ApiClient waiter;

    SendToTicketBenchmark() {
        orders = stage.start(OrderServiceApplication.class);
        kitchen = stage.start(KitchenServiceApplication.class);
        int port = ((WebServerApplicationContext) orders).getWebServer().getPort();
        waiter = ApiClient.at("http://localhost:" + port).as("waiter", "STAFF");
        DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
        JdbcTemplate jdbc = orders.getBean(JdbcTemplate.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("select count(*) from menu_item", Integer.class) < DEMO.items().size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The order service never got the menu");
            }
            sleep(100);
        }
    }

    /** {@code count} orders, each with one grill line, sent one after another; answers each send's milliseconds. */
    double[] sendToTicketCreatedMillis(int count) throws Exception {
        CommandGateway commands = orders.getBean(CommandGateway.class);
        JdbcTemplate jdbc = orders.getBean(JdbcTemplate.class);
        DemoData.Item steak = DEMO.item("Ribeye steak 300g");
        OrderId[] prepared = new OrderId[count];
        int base = jdbc.queryForObject("select coalesce(max(number), 0) from dining_table", Integer.class);
        for (int i = 0; i < count; i++) {
            TableId table = TableId.random();
            jdbc.update("insert into dining_table (id, number) values (?, ?)", table.value(), base + i + 1);
            prepared[i] = OrderId.random();
            commands.sendAndWait(new OpenOrder(prepared[i], table, 2), WAITER);
            commands.sendAndWait(new AddOrderLine(prepared[i], LineId.random(), MenuItemId.of(steak.id()), 1,
                    List.of(), 1, 1, null), WAITER);
        }
        double[] millis = new double[count];
        try (TopicArrivals created = new TopicArrivals(stage.topic(Topics.KITCHEN_EVENTS), "TicketCreated")) {
            for (int i = 0; i < count; i++) {
                String ticket = TicketId.forSend(prepared[i], 1, steak.station()).toString();
                long sent = System.nanoTime();
                var response = waiter.post("/api/v1/orders/" + prepared[i] + "/send", Map.of());
                if (response.status() != 200) {
                    throw new IllegalStateException("Send answered " + response.status() + " " + response.raw());
                }
                millis[i] = (created.await(ticket) - sent) / 1e6;
            }
        }
        return millis;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kitchen.close();
        orders.close();
    }
}
