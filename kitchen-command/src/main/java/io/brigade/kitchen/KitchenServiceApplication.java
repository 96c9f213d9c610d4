package io.brigade.kitchen;

import io.brigade.platform.BrigadeService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The kitchen service: a ticket per station for every send, worked by the cooks from start to bump. */
@SpringBootApplication
@BrigadeService("kitchen-command")
public class KitchenServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(KitchenServiceApplication.class, args);
    }
}
