package io.brigade.catalog.query;

import java.math.BigDecimal;

/** The restaurant's settings; {@code timeZone} is the IANA zone its hours and days are counted in. */
public record SettingsView(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent,
                           String timeZone) {
}
