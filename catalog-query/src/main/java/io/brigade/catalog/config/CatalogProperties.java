package io.brigade.catalog.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;

/**
 * {@code appUrl}: where the app is, for the link a table's QR code opens. {@code demoRestaurant}: start an empty
 * catalog with the demo menu, floor and settings. {@code settings}: the restaurant's settings on first start.
 */
@ConfigurationProperties("brigade.catalog")
public record CatalogProperties(String appUrl, boolean demoRestaurant, Settings settings) {

    public record Settings(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent,
                           String timeZone) {
    }
}
