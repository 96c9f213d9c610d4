package io.brigade.auth.web;

import io.brigade.auth.domain.User;

import java.time.Instant;
import java.util.UUID;

/** A user as docs/api.md shows one: never the password hash. */
public record UserView(UUID id, String username, String fullName, String role, boolean active, Instant createdAt,
                       Instant updatedAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.username(), user.fullName(), user.role(), user.active(), user.createdAt(),
                user.updatedAt());
    }
}
