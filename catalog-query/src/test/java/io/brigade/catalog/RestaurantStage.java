package io.brigade.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.RunningService;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog as the demo restaurant, the order service and the kitchen service, each with its own database, talking
 * only through their topics: the order service prices from the catalog's events, and the catalog's live views follow
 * what the waiters and cooks do.
 */
public final class RestaurantStage implements AutoCloseable {

    public static final DemoData DEMO = DemoData.load();
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RunningService.Stage stage = new RunningService.Stage();
    public final RunningService catalog;
    public final RunningService orders;
    public final RunningService kitchen;

    public RestaurantStage(String... catalogProperties) {
        String[] properties = Stream.concat(Stream.of("brigade.catalog.demo-restaurant=true"),
                Stream.of(catalogProperties)).toArray(String[]::new);
        catalog = stage.start(CatalogServiceApplication.class, "catalog", properties);
        orders = stage.start(OrderServiceApplication.class, "order");
        kitchen = stage.start(KitchenServiceApplication.class, "kitchen");
        JdbcTemplate orderDb = orders.bean(JdbcTemplate.class);
        await().atMost(PATIENCE).until(() -> orderDb.queryForObject("select count(*) from menu_item", Integer.class)
                == DEMO.items().size() && orderDb.queryForObject("select count(*) from dining_table", Integer.class)
                == DEMO.tables().size());
    }

    public RunningService.Stage stage() {
        return stage;
    }

    public ApiClient waiter() {
        return orders.api().as("waiter", "STAFF");
    }

    public ApiClient cook() {
        return kitchen.api().as("cook", "KITCHEN");
    }

    public ApiClient views(String username, String role) {
        return catalog.api().as(username, role);
    }

    public String openOrder(int table, String... items) {
        var opened = waiter().post("/api/v1/orders", Map.of("tableId", DEMO.table(table).id().toString(),
                "guests", 2));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String orderId = opened.text("orderId");
        for (String item : items) {
            var added = waiter().post("/api/v1/orders/" + orderId + "/lines",
                    Map.of("menuItemId", DEMO.item(item).id().toString(), "quantity", 1));
            assertThat(added.status()).as(added.raw()).isEqualTo(201);
        }
        return orderId;
    }

    public void send(String orderId) {
        var sent = waiter().post("/api/v1/orders/" + orderId + "/send", Map.of());
        assertThat(sent.status()).as(sent.raw()).isEqualTo(200);
    }

    /** Reads a view from the catalog until it shows what is expected. */
    public JsonNode awaitView(String path, String role, Predicate<JsonNode> expected) {
        ApiClient reader = views(role.toLowerCase(), role);
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> reader.get(path).body(), expected);
    }

    public static List<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    @Override
    public void close() {
        kitchen.close();
        orders.close();
        catalog.close();
    }
}
