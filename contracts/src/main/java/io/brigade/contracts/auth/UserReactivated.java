package io.brigade.contracts.auth;

/** A deactivated user may sign in again. */
public record UserReactivated(UserId userId, String username) {
}
