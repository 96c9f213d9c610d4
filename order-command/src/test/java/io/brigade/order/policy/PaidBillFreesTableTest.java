package io.brigade.order.policy;

import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.order.OrderId;
import io.brigade.order.OrderServiceApplication;
import io.brigade.order.saga.OrderFulfillmentSaga;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.TestInfrastructure;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A paid table is free for the next guests at once, however far behind the fulfillment saga is: billing's
 * {@code BillPaid} closes the order through a group of its own, so it never waits behind the order and kitchen events
 * the saga works through. Here the saga is stopped outright, the most it could ever lag.
 */
class PaidBillFreesTableTest {

    private static final DemoData DEMO = DemoData.load();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RunningService.Stage stage = new RunningService.Stage();

    @Test
    void whileTheFulfillmentSagaIsStopped_aPaidBillClosesTheOrder_andTheNextGuestsGetTheTableWithinASecond() {
        try (RunningService orders = stage.start(OrderServiceApplication.class, "order");
             KafkaEventWriter billing = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
            JdbcTemplate jdbc = orders.bean(JdbcTemplate.class);
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("select count(*) from dining_table",
                    Integer.class) == DEMO.tables().size());
            ApiClient waiter = orders.api().as("waiter", "STAFF");
            Map<String, Object> table = Map.of("tableId", DEMO.table(6).id().toString(), "guests", 2);
            var opened = waiter.post("/api/v1/orders", table);
            assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
            OrderId order = OrderId.of(opened.text("orderId"));
            assertThat(waiter.post("/api/v1/orders/" + order + "/lines", Map.of("menuItemId",
                    DEMO.item("House lemonade").id().toString(), "quantity", 2)).status()).isEqualTo(201);
            assertThat(waiter.post("/api/v1/orders/" + order + "/send", Map.of()).status()).isEqualTo(200);
            assertThat(waiter.post("/api/v1/orders/" + order + "/bill", null).status()).isEqualTo(202);
            StreamingEventProcessor saga = orders.bean(EventProcessingConfiguration.class)
                    .eventProcessor(OrderFulfillmentSaga.GROUP, StreamingEventProcessor.class).orElseThrow();
            saga.shutDown();
            assertThat(waiter.post("/api/v1/orders", table).status()).isEqualTo(409);

            BillId bill = BillId.forRequest(order, 1);
            billing.write(stage.topic(Topics.BILLING_EVENTS), "Bill", bill.toString(), 3, new BillPaid(bill, order),
                    Map.of());
            long paidAt = System.nanoTime();

            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(10))
                    .until(() -> waiter.post("/api/v1/orders", table).status() == 201);
            Duration free = Duration.ofNanos(System.nanoTime() - paidAt);
            assertThat(saga.isRunning()).isFalse();
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ? "
                    + "and payload_type like '%OrderClosed'", Integer.class, order.toString())).isEqualTo(1);
            assertThat(free).as("the table was free %d ms after BillPaid", free.toMillis())
                    .isLessThan(Duration.ofSeconds(1));
        }
    }
}
