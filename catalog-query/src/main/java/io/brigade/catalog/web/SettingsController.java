package io.brigade.catalog.web;

import io.brigade.catalog.query.CatalogProjection;
import io.brigade.catalog.query.SettingsView;
import io.brigade.contracts.catalog.ChangeRestaurantSettings;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * The restaurant's currency, tax rate, service charge and time zone: everyone reads them, a manager changes them. A
 * change without a time zone keeps the zone as it is.
 */
@RestController
@RequestMapping("/api/v1/settings")
public class SettingsController {

    private final CommandGateway commands;
    private final CatalogProjection catalog;

    public SettingsController(CommandGateway commands, CatalogProjection catalog) {
        this.commands = commands;
        this.catalog = catalog;
    }

    public record SettingsRequest(@NotNull @Pattern(regexp = "[A-Z]{3}") String currency,
                                  @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 3)
                                  BigDecimal taxRatePercent,
                                  @NotNull @DecimalMin("0") @DecimalMax("100") @Digits(integer = 3, fraction = 3)
                                  BigDecimal serviceChargePercent,
                                  @Size(max = 64) String timeZone) {
    }

    @GetMapping
    public SettingsView settings() {
        return catalog.settings().orElseThrow(() -> new NotFoundException("The restaurant has no settings yet"));
    }

    @PutMapping
    @PreAuthorize("hasRole('MANAGER')")
    public SettingsView change(@Valid @RequestBody SettingsRequest request) {
        if (request.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(request.timeZone())) {
            throw new InvalidInputException("timeZone", "give an IANA time zone such as Europe/Paris");
        }
        commands.sendAndWait(new ChangeRestaurantSettings(ChangeRestaurantSettings.RESTAURANT, request.currency(),
                request.taxRatePercent(), request.serviceChargePercent(), request.timeZone()));
        return settings();
    }
}
