package io.brigade.benchmarks;

import io.brigade.billing.BillingServiceApplication;
import io.brigade.contracts.Topics;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.test.DemoCatalog;
import io.brigade.platform.test.TestInfrastructure;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;
import java.util.Map;

/**
 * The billing service on embedded PostgreSQL and Kafka: the time from a {@code BillRequested} written to the order
 * topic (as the order service publishes it) to the {@code BillIssued} it causes arriving at a consumer of the billing
 * topic. That covers consuming, issuing the bill, storing its event and publishing it.
 */
final class BillingBenchmark implements AutoCloseable {

    private final BenchmarkStage stage = new BenchmarkStage();
    private final ConfigurableApplicationContext service;
    private final KafkaEventWriter orderService;

    BillingBenchmark() {
        service = stage.start(BillingServiceApplication.class);
        orderService = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers());
        // bills are issued with the tax rate and service charge the catalog publishes
        DemoCatalog.publishTo(stage.topic(Topics.CATALOG_EVENTS));
    }

    /** Requests {@code count} bills one after another; answers each one's milliseconds until its BillIssued arrived. */
    double[] billRequestedToBillIssuedMillis(int count) throws Exception {
        double[] millis = new double[count];
        try (TopicArrivals issued = new TopicArrivals(stage.topic(Topics.BILLING_EVENTS), "BillIssued")) {
            for (int i = 0; i < count; i++) {
                OrderId order = OrderId.random();
                String bill = BillId.forRequest(order, 1).toString();
                long sent = System.nanoTime();
                orderService.write(stage.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 3, request(order),
                        Map.of("username", "bench", "role", "STAFF"));
                millis[i] = (issued.await(bill) - sent) / 1e6;
            }
        }
        return millis;
    }

    private static BillRequested request(OrderId order) {
        List<BilledLine> lines = List.of(
                new BilledLine(LineId.random(), MenuItemId.random(), "Ribeye steak 300g", 1, Money.ofCents(2890),
                        Money.ofCents(2890), 1),
                new BilledLine(LineId.random(), MenuItemId.random(), "House lemonade", 2, Money.ofCents(450),
                        Money.ofCents(900), 2));
        return new BillRequested(order, 1, TableId.random(), 7, lines, Money.ofCents(3790));
    }

    @Override
    public void close() {
        orderService.close();
        service.close();
    }
}
