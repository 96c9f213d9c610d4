package io.brigade.billing.web;

import io.brigade.billing.config.BillingSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /settings}: currency, tax and service charge as billing applies them, until the catalog serves them. */
@RestController
public class SettingsController {

    private final BillingSettings settings;

    public SettingsController(BillingSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/api/v1/settings")
    public BillingSettings settings() {
        return settings;
    }
}
