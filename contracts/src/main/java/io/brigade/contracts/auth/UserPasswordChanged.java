package io.brigade.contracts.auth;

/** An administrator set a new password for a user (the fact only, never the password); their sessions were ended. */
public record UserPasswordChanged(UserId userId, String username) {
}
