package io.brigade.auth.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The first administrator, created on first start when there are no users yet ({@code BRIGADE_ADMIN_*}). */
@ConfigurationProperties("brigade.admin")
public record AdminProperties(String username, String password) {

    public boolean isConfigured() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
}
