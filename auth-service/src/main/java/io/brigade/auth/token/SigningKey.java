package io.brigade.auth.token;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An RS256 key pair: the public half as X.509, the private half as sealed PKCS#8. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    @Id
    private String kid;
    @Column(name = "public_key")
    private byte[] publicKey;
    @Column(name = "private_key")
    private byte[] sealedPrivateKey;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, byte[] publicKey, byte[] sealedPrivateKey, Instant createdAt) {
        this.kid = kid;
        this.publicKey = publicKey;
        this.sealedPrivateKey = sealedPrivateKey;
        this.createdAt = createdAt;
    }

    void retire(Instant at) {
        this.retiredAt = at;
    }

    public String kid() {
        return kid;
    }

    byte[] publicKey() {
        return publicKey;
    }

    byte[] sealedPrivateKey() {
        return sealedPrivateKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant retiredAt() {
        return retiredAt;
    }
}
