package io.brigade.auth.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A person who signs in, with one role. The password is kept only as an Argon2id hash. */
@Entity
@Table(name = "users")
public class User {

    @Id
    private UUID id;
    private String username;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "full_name")
    private String fullName;
    private String role;
    @Column(name = "is_active")
    private boolean active;
    /** The sequence number of the last event published about this user, so its events stay in order. */
    @Column(name = "event_sequence")
    private long eventSequence;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected User() {
    }

    public User(UUID id, String username, String passwordHash, String fullName, String role, Instant now) {
        this.id = id;
        this.username = username;
        this.passwordHash = passwordHash;
        this.fullName = fullName;
        this.role = role;
        this.active = true;
        this.eventSequence = -1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public long nextEventSequence() {
        return ++eventSequence;
    }

    public void rename(String fullName, Instant now) {
        this.fullName = fullName;
        this.updatedAt = now;
    }

    public void changeRole(String role, Instant now) {
        this.role = role;
        this.updatedAt = now;
    }

    public void setActive(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
    }

    public void changePasswordHash(String passwordHash, Instant now) {
        this.passwordHash = passwordHash;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String fullName() {
        return fullName;
    }

    public String role() {
        return role;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
