package io.brigade.contracts.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** The restaurant has one set of settings, kept under one fixed id. */
public record ChangeRestaurantSettings(@TargetAggregateIdentifier String settingsId, String currency,
                                       BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {

    public static final String RESTAURANT = "restaurant-settings";
}
