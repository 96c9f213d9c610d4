package io.brigade.catalog.domain;

import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.contracts.catalog.RestaurantSettingsChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;

/** The restaurant's currency, tax rate and service charge. Setting the same values again is no change. */
@Aggregate
public class RestaurantSettings {

    @AggregateIdentifier
    private String settingsId;
    private String currency;
    private BigDecimal taxRatePercent;
    private BigDecimal serviceChargePercent;
    private String timeZone;

    protected RestaurantSettings() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeRestaurantSettings command) {
        String zone = command.timeZone() != null ? command.timeZone()
                : timeZone != null ? timeZone : RestaurantSettingsChanged.DEFAULT_TIME_ZONE;
        boolean same = command.currency().equals(currency)
                && sameNumber(command.taxRatePercent(), taxRatePercent)
                && sameNumber(command.serviceChargePercent(), serviceChargePercent)
                && zone.equals(timeZone);
        if (settingsId == null || !same) {
            settingsId = command.settingsId();
            AggregateLifecycle.apply(new RestaurantSettingsChanged(command.currency(), command.taxRatePercent(),
                    command.serviceChargePercent(), zone));
        }
    }

    @EventSourcingHandler
    void on(RestaurantSettingsChanged event) {
        settingsId = ChangeRestaurantSettings.RESTAURANT;
        currency = event.currency();
        taxRatePercent = event.taxRatePercent();
        serviceChargePercent = event.serviceChargePercent();
        timeZone = event.timeZone();
    }

    private static boolean sameNumber(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }
}
