package io.brigade.contracts.auth;

/** A user's full name was changed. */
public record UserRenamed(UserId userId, String username, String fullName) {
}
