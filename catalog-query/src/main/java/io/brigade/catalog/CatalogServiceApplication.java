package io.brigade.catalog;

import io.brigade.catalog.config.CatalogProperties;
import io.brigade.platform.BrigadeService;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The catalog service: menu, tables and settings, and the live views every screen of the restaurant watches. */
@SpringBootApplication
@BrigadeService("catalog-query")
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogServiceApplication.class, args);
    }
}
