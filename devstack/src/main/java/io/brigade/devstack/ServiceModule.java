package io.brigade.devstack;

import io.brigade.auth.AuthServiceApplication;
import io.brigade.billing.BillingServiceApplication;
import io.brigade.catalog.CatalogServiceApplication;
import io.brigade.gateway.GatewayApplication;
import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;
import io.brigade.reporting.ReportingApplication;

import java.util.List;

/**
 * A Brigade service the devstack runs: its Spring Boot application, its port, its own database ({@code null} for the
 * gateway, which has none) and its key in the gateway's {@code brigade.gateway.services} ({@code null} for the
 * gateway itself).
 */
record ServiceModule(String name, Class<?> application, int port, String database, String gatewayKey) {

    /** Every service, in start order: those that others call first, the gateway last. */
    static final List<ServiceModule> ALL = List.of(
            new ServiceModule("auth-service", AuthServiceApplication.class, 8081, "auth_db", "auth"),
            new ServiceModule("catalog-query", CatalogServiceApplication.class, 8085, "catalog_db", "catalog"),
            new ServiceModule("order-command", OrderServiceApplication.class, 8082, "order_db", "order"),
            new ServiceModule("kitchen-command", KitchenServiceApplication.class, 8083, "kitchen_db", "kitchen"),
            new ServiceModule("billing-command", BillingServiceApplication.class, 8084, "billing_db", "billing"),
            new ServiceModule("reporting-projection", ReportingApplication.class, 8086, "reporting_db", "reporting"),
            new ServiceModule("gateway", GatewayApplication.class, 8080, null, null));

    static ServiceModule named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name));
    }

    boolean hasDatabase() {
        return database != null;
    }

    /** The name of the n-th instance (from 1): the service's own name for the first. */
    String instanceName(int instance) {
        return instance == 1 ? name : name + "-" + instance;
    }
}
