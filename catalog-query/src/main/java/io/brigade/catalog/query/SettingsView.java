package io.brigade.catalog.query;

import java.math.BigDecimal;

public record SettingsView(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {
}
