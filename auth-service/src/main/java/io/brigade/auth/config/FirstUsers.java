package io.brigade.auth.config;

import io.brigade.auth.domain.UserAccounts;
import io.brigade.platform.demo.DemoData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * On a first start with no users, creates the administrator from configuration ({@code BRIGADE_ADMIN_USERNAME},
 * {@code BRIGADE_ADMIN_PASSWORD}). With {@code brigade.auth.demo-users}, also creates the demo restaurant's users
 * (one per role, from {@code demo-data.json}) that do not exist yet.
 */
@Component
class FirstUsers implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstUsers.class);

    private final UserAccounts accounts;
    private final AdminProperties admin;
    private final AuthProperties properties;

    FirstUsers(UserAccounts accounts, AdminProperties admin, AuthProperties properties) {
        this.accounts = accounts;
        this.admin = admin;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.noneYet()) {
            if (admin.isConfigured()) {
                accounts.register(UUID.randomUUID(), admin.username(), admin.password(), "Administrator", "ADMIN");
                log.info("Created the first administrator, {}", admin.username());
            } else if (!properties.demoUsers()) {
                log.warn("There are no users and no first administrator is configured: set BRIGADE_ADMIN_USERNAME "
                        + "and BRIGADE_ADMIN_PASSWORD");
            }
        }
        if (properties.demoUsers()) {
            DemoData.load().users().stream()
                    .filter(user -> !accounts.exists(user.username()))
                    .forEach(user -> accounts.register(user.id(), user.username(), user.password(), user.fullName(),
                            user.role()));
        }
    }
}
