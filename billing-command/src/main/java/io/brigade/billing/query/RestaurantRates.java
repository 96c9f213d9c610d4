package io.brigade.billing.query;

import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * The currency, tax rate and service charge in force, as a manager last set them in the catalog: the next bill is
 * issued with them, and bills already issued keep their own. An event applies only past the row's version, so a
 * redelivered or replayed change never undoes a later one.
 */
@Component
@ProcessingGroup(RestaurantRates.GROUP)
public class RestaurantRates {

    public static final String GROUP = "restaurant-rates";

    private final JdbcTemplate jdbc;

    public RestaurantRates(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RestaurantSettingsChanged event, @SourceId String settingsId, @SequenceNumber long sequence) {
        jdbc.update("""
                        insert into restaurant_rates (settings_id, currency, tax_rate_percent, service_charge_percent,
                                                      version)
                        values (?, ?, ?, ?, ?)
                        on conflict (settings_id) do update set currency = excluded.currency,
                            tax_rate_percent = excluded.tax_rate_percent,
                            service_charge_percent = excluded.service_charge_percent, version = excluded.version
                        where restaurant_rates.version < excluded.version""",
                settingsId, event.currency(), event.taxRatePercent(), event.serviceChargePercent(), sequence);
    }

    /** The rates in force; empty until the catalog's settings have reached billing. */
    public Optional<BillRates> current() {
        return jdbc.query("""
                        select currency, tax_rate_percent, service_charge_percent from restaurant_rates
                        order by version desc limit 1""",
                (rs, row) -> new BillRates(rs.getString("currency"), rs.getBigDecimal("tax_rate_percent"),
                        rs.getBigDecimal("service_charge_percent"))).stream().findFirst();
    }
}
