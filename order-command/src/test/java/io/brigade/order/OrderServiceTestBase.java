package io.brigade.order;

import io.brigade.contracts.Topics;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The order service on its own, fed the demo menu on its catalog topic as the catalog service would publish it. */
@ServiceIntegrationTest
public abstract class OrderServiceTestBase {

    protected static final DemoData DEMO = DemoData.load();

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected BrigadeKafkaProperties kafka;

    protected ApiClient waiter;
    protected ApiClient manager;

    @BeforeEach
    void seedMenuOnce() {
        ApiClient api = ApiClient.at("http://localhost:" + port);
        waiter = api.as("waiter", "STAFF");
        manager = api.as("manager", "MANAGER");
        Integer tables = jdbc.queryForObject("select count(*) from dining_table", Integer.class);
        if (tables != null && tables == DEMO.tables().size()) {
            return;
        }
        DemoCatalog.publishTo(kafka.topic(Topics.CATALOG_EVENTS));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("select count(*) from dining_table", Integer.class) == DEMO.tables().size());
    }

    protected String orderTopic() {
        return kafka.topic(Topics.ORDER_EVENTS);
    }

    protected String openOrder(int table, int guests) {
        var response = waiter.post("/api/v1/orders",
                Map.of("tableId", DEMO.table(table).id().toString(), "guests", guests));
        if (response.status() != 201) {
            throw new AssertionError("Could not open an order: " + response.raw());
        }
        return response.text("orderId");
    }

    protected String addLine(String orderId, String item, int quantity) {
        var response = waiter.post("/api/v1/orders/" + orderId + "/lines",
                Map.of("menuItemId", DEMO.item(item).id().toString(), "quantity", quantity));
        if (response.status() != 201) {
            throw new AssertionError("Could not add a line: " + response.raw());
        }
        return response.text("lineId");
    }

    protected long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }

    protected List<String> eventTypes(String orderId) {
        return jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", String.class, orderId);
    }
}
