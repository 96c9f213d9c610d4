package io.brigade.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.brigade.catalog.query.BillViewProjection;
import io.brigade.catalog.query.KitchenBoardProjection;
import io.brigade.catalog.query.OrderViewProjection;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.KafkaReplays;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.RunningService;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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

    /** The live views' tables, by the processing group that fills them. */
    private static final Map<String, List<String>> VIEW_TABLES = Map.of(
            OrderViewProjection.GROUP, List.of("order_view", "order_view_line"),
            KitchenBoardProjection.GROUP, List.of("board_ticket", "board_ticket_item"),
            BillViewProjection.GROUP, List.of("bill_view", "bill_view_line", "bill_view_check", "bill_view_payment"));

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

    /** Every row of every live view, in a stable order, with each table's floor version: equal text, equal views. */
    public String everyViewRow() {
        JdbcTemplate db = catalog.bean(JdbcTemplate.class);
        return Stream.of(
                        "select * from order_view order by order_id",
                        "select * from order_view_line order by order_id, line_id",
                        "select * from board_ticket order by ticket_id",
                        "select * from board_ticket_item order by ticket_id, line_id",
                        "select * from bill_view order by bill_id",
                        "select * from bill_view_line order by bill_id, line_id",
                        "select * from bill_view_check order by bill_id, check_id",
                        "select * from bill_view_payment order by bill_id, payment_id",
                        "select id, floor_version from dining_table order by id")
                .map(sql -> db.queryForList(sql).toString())
                .collect(Collectors.joining("\n"));
    }

    /** The views once nothing is arriving any more: the same rows twice, a second apart. */
    public String settledViews() {
        String[] last = {everyViewRow()};
        return await().atMost(PATIENCE).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String now = everyViewRow();
                    boolean settled = now.equals(last[0]);
                    last[0] = now;
                    return settled ? now : null;
                }, rows -> rows != null);
    }

    /**
     * Replays these processing groups from offset zero of their topics, as an operator does; checks that each
     * group's views were emptied, and answers once all have caught up again.
     */
    public void replayFromOffsetZero(String... groups) {
        KafkaReplays replays = catalog.bean(KafkaReplays.class);
        JdbcTemplate db = catalog.bean(JdbcTemplate.class);
        List<StreamingEventProcessor> processors = new ArrayList<>();
        for (String group : groups) {
            processors.add(replays.replayFromStart(group));
            for (String table : VIEW_TABLES.get(group)) {
                assertThat(db.queryForObject("select count(*) from " + table, Integer.class)).as(table).isZero();
            }
        }
        await().atMost(PATIENCE).pollDelay(Duration.ofMillis(500)).until(() -> processors.stream().allMatch(
                p -> p.processingStatus().values().stream().allMatch(s -> s.isCaughtUp())));
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
