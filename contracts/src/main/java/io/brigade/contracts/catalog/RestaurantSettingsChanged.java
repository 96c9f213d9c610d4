package io.brigade.contracts.catalog;

import java.math.BigDecimal;

/** The restaurant's currency, tax rate and service charge as they apply from now on; bills already issued keep theirs. */
public record RestaurantSettingsChanged(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {
}
