package io.brigade.catalog;

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
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.RunningService;
import io.brigade.platform.test.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The catalog and billing services side by side, talking only through Kafka: the tax rate and service charge a manager
 * sets in the catalog are the ones the next bill is issued with, and a bill issued before keeps its own.
 */
class SettingsReachBillingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final RunningService.Stage stage = new RunningService.Stage();

    @Test
    void aManagerRaisesTheTaxRateAndAddsAServiceCharge_thenTheNextBillCarriesThem_andTheEarlierBillKeepsItsOwn() {
        try (RunningService catalog = stage.start(CatalogServiceApplication.class, "catalog",
                "brigade.catalog.demo-restaurant=true");
             RunningService billing = stage.start(BillingServiceApplication.class, "billing");
             KafkaEventWriter orderService = new KafkaEventWriter(TestInfrastructure.get().kafkaBootstrapServers())) {
            ApiClient manager = catalog.api().as("manager", "MANAGER");
            assertThat(manager.get("/api/v1/settings").body().path("taxRatePercent").asInt()).isEqualTo(10);

            OrderId before = OrderId.random();
            String first = billIssuedFor(billing, orderService, before);
            assertThat(first).contains("\"taxRatePercent\":10", "\"serviceChargePercent\":0", "\"total\":2200",
                    "\"tax\":200");

            var changed = manager.put("/api/v1/settings", Map.of("currency", "EUR", "taxRatePercent", 20,
                    "serviceChargePercent", 12.5));
            assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
            JdbcTemplate billingDb = billing.bean(JdbcTemplate.class);
            await().atMost(PATIENCE).until(() -> billingDb.queryForObject(
                    "select tax_rate_percent = 20 from restaurant_rates", Boolean.class));

            OrderId after = OrderId.random();
            String second = billIssuedFor(billing, orderService, after);
            assertThat(second).contains("\"taxRatePercent\":20", "\"serviceChargePercent\":12.5");
            assertThat(payload(billing, BillId.forRequest(before, 1))).isEqualTo(first);
            assertThat(billing.api().as("waiter", "STAFF").get("/api/v1/settings").status()).isEqualTo(404);
        }
    }

    /** Plays the order service asking for a bill of 22.00 for {@code order}; answers the BillIssued billing stored. */
    private String billIssuedFor(RunningService billing, KafkaEventWriter orderService, OrderId order) {
        BilledLine line = new BilledLine(LineId.random(), MenuItemId.random(), "Ribeye steak 300g", 1,
                Money.ofCents(2200), Money.ofCents(2200), 1);
        orderService.write(stage.topic(Topics.ORDER_EVENTS), "Order", order.toString(), 3,
                new BillRequested(order, 1, TableId.random(), 7, List.of(line), Money.ofCents(2200)),
                Map.of("username", "waiter", "role", "STAFF"));
        return await().atMost(PATIENCE).until(() -> payload(billing, BillId.forRequest(order, 1)),
                payload -> payload != null);
    }

    private static String payload(RunningService billing, BillId bill) {
        return billing.bean(JdbcTemplate.class).queryForList("select convert_from(payload, 'UTF8') from "
                        + "domain_event_entry where aggregate_identifier = ? and payload_type = ?", String.class,
                bill.toString(), "io.brigade.contracts.billing.BillIssued").stream().findFirst().orElse(null);
    }
}
