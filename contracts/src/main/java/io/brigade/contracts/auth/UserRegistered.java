package io.brigade.contracts.auth;

/** A user account was created (published as the user's first event; never carries the password). */
public record UserRegistered(UserId userId, String username, String fullName, String role, boolean active) {
}
