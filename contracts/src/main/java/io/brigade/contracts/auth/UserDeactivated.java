package io.brigade.contracts.auth;

/** A user may no longer sign in; their sessions were ended. */
public record UserDeactivated(UserId userId, String username) {
}
