package io.brigade.devstack;

import io.brigade.kitchen.KitchenServiceApplication;
import io.brigade.order.OrderServiceApplication;

import java.util.List;

/** A Brigade service the devstack runs: its Spring Boot application, its port and its own database. */
record ServiceModule(String name, Class<?> application, int port, String database) {

    /** Every service, in start order: those that others call first. */
    static final List<ServiceModule> ALL = List.of(
            new ServiceModule("order-command", OrderServiceApplication.class, 8082, "order_db"),
            new ServiceModule("kitchen-command", KitchenServiceApplication.class, 8083, "kitchen_db"));
}
