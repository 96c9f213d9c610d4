package io.brigade.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Plays the auth service for tests of the other services: one RSA key pair per test JVM, whose public key the test
 * harness makes every service trust, and access tokens signed with it exactly as the auth service signs them.
 */
public final class TestTokens {

    public static final String ISSUER = "brigade-auth";
    public static final String AUDIENCE = "brigade-api";
    public static final String KEY_ID = "test-key";

    private static final KeyPair KEYS = newKeyPair();

    private TestTokens() {
    }

    /** A valid 15-minute access token; the user id is derived from the username, so a name always has the same id. */
    public static String accessToken(String username, String role) {
        return sign(claims(username, role).build());
    }

    /** The claims of a valid access token, for a test that wants to change one of them. */
    public static JWTClaimsSet.Builder claims(String username, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId(username))
                .claim("username", username)
                .claim("role", role)
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    public static String userId(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, KEYS.getPrivate(), KEY_ID);
    }

    public static String sign(JWTClaimsSet claims, java.security.PrivateKey key, String keyId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    public static RSAPrivateKey privateKey() {
        return (RSAPrivateKey) KEYS.getPrivate();
    }

    /** The public key as {@code brigade.security.jwt.public-key} takes it: X.509 DER in base64. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** The public key as a JWKS document, as the auth service serves it. */
    public static String jwkSetJson() {
        RSAKey key = new RSAKey.Builder(publicKey()).keyID(KEY_ID).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build();
        return new JWKSet(key).toString();
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
