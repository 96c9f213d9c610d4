package io.brigade.contracts.catalog;

import java.math.BigDecimal;

/**
 * The restaurant's currency, tax rate and service charge as they apply from now on; bills already issued keep theirs.
 * {@code timeZone} (an IANA name) is the zone the restaurant's hours and days are counted in; events published before
 * it existed read as {@link #DEFAULT_TIME_ZONE}.
 */
public record RestaurantSettingsChanged(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent,
                                        String timeZone) {

    public static final String DEFAULT_TIME_ZONE = "Europe/Paris";

    public RestaurantSettingsChanged {
        timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    }

    public RestaurantSettingsChanged(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {
        this(currency, taxRatePercent, serviceChargePercent, null);
    }
}
