package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * The restaurant has one set of settings, kept under one fixed id. {@code timeZone} is an IANA zone name; without one
 * the zone stays as it was.
 */
public record ChangeRestaurantSettings(@TargetAggregateIdentifier String settingsId, String currency,
                                       BigDecimal taxRatePercent, BigDecimal serviceChargePercent, String timeZone) {

    public static final String RESTAURANT = "restaurant-settings";

    public ChangeRestaurantSettings(String settingsId, String currency, BigDecimal taxRatePercent,
                                    BigDecimal serviceChargePercent) {
        this(settingsId, currency, taxRatePercent, serviceChargePercent, null);
    }
}
