package io.brigade.contracts.billing;

import java.math.BigDecimal;

/** The restaurant's settings a bill was issued with; the bill keeps them, so later changes do not alter it. */
public record BillRates(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {
}
