package io.brigade.platform.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The forged and broken access tokens every Brigade service must refuse, built around one valid token's claims and
 * the key the service trusts: each is named by what is wrong with it.
 */
public final class TamperedTokens {

    private TamperedTokens() {
    }

    /**
     * @param valid         the claims of a token the service would accept
     * @param trustedSigner the private key the service trusts, to sign tokens whose only fault is a claim
     * @param trustedKeyId  its key id
     * @param trustedPublic the trusted public key, which an attacker knows
     */
    public static Map<String, String> around(JWTClaimsSet valid, PrivateKey trustedSigner, String trustedKeyId,
                                             RSAPublicKey trustedPublic) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("signed with another key",
                TestTokens.sign(valid, TestTokens.newKeyPair().getPrivate(), trustedKeyId));
        tokens.put("alg none", new PlainJWT(valid).serialize());
        tokens.put("HS256 signed with the public key", hmacWithPublicKey(valid, trustedPublic, trustedKeyId));
        tokens.put("payload changed after signing", withRoleChangedAfterSigning(
                TestTokens.sign(valid, trustedSigner, trustedKeyId)));
        Instant past = Instant.now().minusSeconds(3600);
        tokens.put("expired", TestTokens.sign(new JWTClaimsSet.Builder(valid)
                .issueTime(Date.from(past.minusSeconds(900))).expirationTime(Date.from(past)).build(),
                trustedSigner, trustedKeyId));
        tokens.put("without expiry", TestTokens.sign(new JWTClaimsSet.Builder(valid).expirationTime(null).build(),
                trustedSigner, trustedKeyId));
        tokens.put("wrong issuer", TestTokens.sign(new JWTClaimsSet.Builder(valid).issuer("someone-else").build(),
                trustedSigner, trustedKeyId));
        tokens.put("wrong audience", TestTokens.sign(new JWTClaimsSet.Builder(valid).audience("another-api").build(),
                trustedSigner, trustedKeyId));
        tokens.put("unknown role", TestTokens.sign(new JWTClaimsSet.Builder(valid).claim("role", "ROOT").build(),
                trustedSigner, trustedKeyId));
        tokens.put("not a token at all", "not.a.jwt");
        return tokens;
    }

    /** The forgeries for a service that trusts the harness's {@link TestTokens} key. */
    public static Map<String, String> forTestKey(String username, String role) {
        return around(TestTokens.claims(username, role).build(), TestTokens.privateKey(), TestTokens.KEY_ID,
                TestTokens.publicKey());
    }

    private static String hmacWithPublicKey(JWTClaimsSet claims, RSAPublicKey publicKey, String keyId) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).build(), claims);
            jwt.sign(new MACSigner(padded(publicKey.getEncoded())));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] padded(byte[] key) {
        return key.length >= 32 ? key : java.util.Arrays.copyOf(key, 32);
    }

    private static String withRoleChangedAfterSigning(String token) {
        String[] parts = token.split("\\.");
        String payload = Base64URL.from(parts[1]).decodeToString().replaceFirst("\"role\":\"[A-Z]+\"",
                "\"role\":\"ADMIN\"");
        return parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];
    }
}
