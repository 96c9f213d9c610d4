package io.brigade.billing;

import io.brigade.platform.BrigadeService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The billing service: a bill for every bill request, with tax, discounts, splits, payments and refunds. */
@SpringBootApplication
@ConfigurationPropertiesScan
@BrigadeService("billing-command")
public class BillingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BillingServiceApplication.class, args);
    }
}
