package io.brigade.order;

import io.brigade.platform.BrigadeService;
import io.brigade.order.saga.FulfillmentTimings;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The order service: tables' orders from the first line to the closed bill. */
@SpringBootApplication
@BrigadeService("order-command")
@EnableConfigurationProperties(FulfillmentTimings.class)
public class OrderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderServiceApplication.class, args);
    }
}
