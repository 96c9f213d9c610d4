package io.brigade.auth.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.brigade.auth.config.AuthProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The RS256 keys, kept in the database so every instance signs with the same key and verifies all of them. The newest
 * active key signs. A rotation retires it and makes a new one; a retired key stays published until every token it
 * signed has expired (the access token lifetime plus a margin), then drops out of the JWKS.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(1);
    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final SigningKeyRepository keys;
    private final TransactionTemplate transactions;
    private final PrivateKeySeal seal;
    private final AuthProperties properties;
    private final Clock clock;

    private volatile Snapshot snapshot;

    /** The keys as last read from the database: the signer, and every key whose tokens may still be valid. */
    private record Snapshot(RSAKey signer, JWKSet published, Instant readAt) {
    }

    public SigningKeys(SigningKeyRepository keys, TransactionTemplate transactions, AuthProperties properties,
                       Clock clock) {
        this.keys = keys;
        this.transactions = transactions;
        this.seal = new PrivateKeySeal(properties.keySecret());
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs new tokens, with its private half. */
    public RSAKey signer() {
        return current().signer();
    }

    /** The public keys to publish and to verify with. */
    public JWKSet published() {
        return current().published();
    }

    /** The published public keys, read again now: for a token whose key id is not known yet. */
    public JWKSet publishedAfterReload() {
        snapshot = null;
        return published();
    }

    /** Retires the signing key and makes a new one; tokens signed with the old key stay valid until they expire. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            Instant now = clock.instant();
            keys.findActiveNewestFirst().forEach(key -> key.retire(now));
            return keys.save(newKey(now)).kid();
        });
        snapshot = null;
        log.info("Signing key rotated; new key {}", kid);
        return kid;
    }

    /** Replaces the signing key when it is older than the rotation period. */
    @Scheduled(initialDelayString = "PT1M", fixedDelayString = "PT1H")
    public void rotateWhenDue() {
        Instant created = current().signer().getIssueTime() == null ? null
                : current().signer().getIssueTime().toInstant();
        if (created != null && created.plus(properties.keyRotationPeriod()).isBefore(clock.instant())) {
            rotate();
        }
    }

    private Snapshot current() {
        Snapshot seen = snapshot;
        if (seen != null && seen.readAt().plus(CACHE_FOR).isAfter(clock.instant())) {
            return seen;
        }
        Snapshot read = read();
        snapshot = read;
        return read;
    }

    private Snapshot read() {
        return transactions.execute(status -> {
            Instant now = clock.instant();
            List<SigningKey> active = keys.findActiveNewestFirst();
            SigningKey signing = active.isEmpty() ? keys.save(newKey(now)) : active.get(0);
            Instant stillValidIfRetiredAfter = now.minus(properties.accessTokenLifetime()).minus(EXPIRY_MARGIN);
            List<RSAKey> published = keys.findPublished(stillValidIfRetiredAfter).stream()
                    .map(SigningKeys::publicJwk).toList();
            return new Snapshot(privateJwk(signing), new JWKSet(List.copyOf(published.isEmpty()
                    ? List.of(publicJwk(signing)) : published)), now);
        });
    }

    private SigningKey newKey(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = UUID.randomUUID().toString();
            return new SigningKey(kid, pair.getPublic().getEncoded(), seal.seal(pair.getPrivate().getEncoded()), now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey publicJwk(SigningKey key) {
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(key.publicKey()));
            return new RSAKey.Builder(publicKey).keyID(key.kid()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).issueTime(java.util.Date.from(key.createdAt())).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private RSAKey privateJwk(SigningKey key) {
        try {
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(seal.open(key.sealedPrivateKey())));
            return new RSAKey.Builder(publicJwk(key)).privateKey(privateKey).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
