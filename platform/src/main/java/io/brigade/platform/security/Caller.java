package io.brigade.platform.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.Optional;

/** The authenticated person behind a request. {@code role} is one of ADMIN, MANAGER, STAFF, KITCHEN, AUDITOR. */
public record Caller(String userId, String username, String role) {

    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return Optional.of(caller);
        }
        return Optional.empty();
    }

    public boolean hasRole(String wanted) {
        return role.equals(wanted);
    }
}
