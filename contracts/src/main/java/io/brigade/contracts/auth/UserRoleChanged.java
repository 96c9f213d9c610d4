package io.brigade.contracts.auth;

/** A user was given another role; their sessions were ended so the new role applies from their next login. */
public record UserRoleChanged(UserId userId, String username, String previousRole, String role) {
}
