package io.brigade.reporting.evening;

import io.brigade.billing.BillingServiceApplication;
import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.gateway.GatewayApplication;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.platform.demo.DemoData;
import io.brigade.platform.test.ApiClient;
import io.brigade.platform.test.KeySetServer;
import io.brigade.platform.test.RunningService;
import io.brigade.reporting.ReportingApplication;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * The whole restaurant for the reports: the catalog as the demo restaurant, the order, kitchen and billing services,
 * the reporting service and the gateway in front, each with its own database, talking only through their topics.
 */
final class EveningRestaurant implements AutoCloseable {

    static final DemoData DEMO = DemoData.load();
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final RunningService.Stage stage = new RunningService.Stage();
    final RunningService catalog;
    final RunningService orders;
    final RunningService kitchen;
    final RunningService billing;
    final RunningService reporting;
    final KeySetServer authKeys;
    final RunningService gateway;

    EveningRestaurant() {
        catalog = stage.start(CatalogServiceApplication.class, "catalog", "brigade.catalog.demo-restaurant=true");
        orders = stage.start(OrderServiceApplication.class, "order");
        kitchen = stage.start(KitchenServiceApplication.class, "kitchen");
        billing = stage.start(BillingServiceApplication.class, "billing");
        reporting = stage.start(ReportingApplication.class, "reporting",
                "brigade.reports.switch-lock-timeout=PT2S");
        authKeys = KeySetServer.start();
        gateway = stage.start(GatewayApplication.class, "gateway",
                "brigade.gateway.services.auth=" + authKeys.url(),
                "brigade.gateway.services.order=http://localhost:" + orders.port(),
                "brigade.gateway.services.kitchen=http://localhost:" + kitchen.port(),
                "brigade.gateway.services.billing=http://localhost:" + billing.port(),
                "brigade.gateway.services.catalog=http://localhost:" + catalog.port(),
                "brigade.gateway.services.reporting=http://localhost:" + reporting.port());
        JdbcTemplate orderDb = orders.bean(JdbcTemplate.class);
        await().atMost(PATIENCE).until(() -> orderDb.queryForObject("select count(*) from menu_item", Integer.class)
                == DEMO.items().size() && orderDb.queryForObject("select count(*) from dining_table", Integer.class)
                == DEMO.tables().size());
    }

    ApiClient throughGateway(String username, String role) {
        return ApiClient.at("http://localhost:" + gateway.port()).as(username, role);
    }

    String ws() {
        return "ws://localhost:" + gateway.port() + "/ws";
    }

    @Override
    public void close() {
        gateway.close();
        authKeys.close();
        reporting.close();
        billing.close();
        kitchen.close();
        orders.close();
        catalog.close();
    }
}
