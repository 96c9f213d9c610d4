package io.brigade.billing.config;

import io.brigade.contracts.billing.BillRates;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The restaurant's currency, tax rate and service charge, from configuration ({@code brigade.billing.*}). Each bill
 * keeps the rates it was issued with.
 */
@ConfigurationProperties("brigade.billing")
public record BillingSettings(String currency, BigDecimal taxRatePercent, BigDecimal serviceChargePercent) {

    public BillingSettings {
        Objects.requireNonNull(currency, "brigade.billing.currency");
        if (taxRatePercent == null || taxRatePercent.signum() < 0) {
            throw new IllegalArgumentException("brigade.billing.tax-rate-percent must be zero or more");
        }
        if (serviceChargePercent == null || serviceChargePercent.signum() < 0) {
            throw new IllegalArgumentException("brigade.billing.service-charge-percent must be zero or more");
        }
    }

    public BillRates rates() {
        return new BillRates(currency, taxRatePercent, serviceChargePercent);
    }
}
