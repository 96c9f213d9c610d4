package io.brigade.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checkpoint keys: Ed25519 (or RSA with SHA-256), read from and written as PEM, published as a JWKS. A key's id is
 * its RFC 7638 JWK thumbprint, so a bare PEM file names the same key a JWKS does.
 */
public final class AuditKeys {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** The DER prefixes of an Ed25519 public key (X.509) and private key (PKCS#8) before their 32 raw bytes. */
    private static final byte[] ED25519_PUBLIC_PREFIX = hex("302a300506032b6570032100");
    private static final byte[] ED25519_PRIVATE_PREFIX = hex("302e020100300506032b657004220420");
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private AuditKeys() {
    }

    /** A private key with its public half and id. */
    public record SigningKey(PrivateKey privateKey, PublicKey publicKey, String keyId) {

        public String sign(byte[] content) {
            try {
                Signature signature = Signature.getInstance(algorithm(privateKey.getAlgorithm()));
                signature.initSign(privateKey);
                signature.update(content);
                return URL.encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("could not sign with key " + keyId, e);
            }
        }
    }

    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic(), keyId(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] content, String signatureBase64Url) {
        try {
            Signature signature = Signature.getInstance(algorithm(key.getAlgorithm()));
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(Base64.getUrlDecoder().decode(signatureBase64Url));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static String algorithm(String keyAlgorithm) {
        return switch (keyAlgorithm) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("checkpoint keys are Ed25519 or RSA, not " + keyAlgorithm);
        };
    }

    /** The RFC 7638 thumbprint: SHA-256 of the key's required JWK members in canonical form, base64url. */
    public static String keyId(PublicKey key) {
        ObjectNode jwk = jwk(key, false);
        return URL.encodeToString(Sha256.digest(CanonicalJson.canonicalBytes(jwk)));
    }

    public static ObjectNode jwk(PublicKey key) {
        return jwk(key, true);
    }

    private static ObjectNode jwk(PublicKey key, boolean withId) {
        ObjectNode jwk = JsonNodeFactory.instance.objectNode();
        if (key instanceof RSAPublicKey rsa) {
            jwk.put("e", URL.encodeToString(unsigned(rsa.getPublicExponent())));
            jwk.put("kty", "RSA");
            jwk.put("n", URL.encodeToString(unsigned(rsa.getModulus())));
            if (withId) {
                jwk.put("alg", "RS256");
            }
        } else if (key instanceof EdECPublicKey) {
            byte[] der = key.getEncoded();
            jwk.put("crv", "Ed25519");
            jwk.put("kty", "OKP");
            jwk.put("x", URL.encodeToString(Arrays.copyOfRange(der, der.length - 32, der.length)));
            if (withId) {
                jwk.put("alg", "EdDSA");
            }
        } else {
            throw new IllegalArgumentException("checkpoint keys are Ed25519 or RSA, not " + key.getAlgorithm());
        }
        if (withId) {
            jwk.put("kid", keyId(key));
            jwk.put("use", "sig");
        }
        return jwk;
    }

    public static ObjectNode jwks(Iterable<PublicKey> keys) {
        ObjectNode jwks = JsonNodeFactory.instance.objectNode();
        ArrayNode array = jwks.putArray("keys");
        keys.forEach(key -> array.add(jwk(key)));
        return jwks;
    }

    /** Every public key in a JWKS document or in PEM text (one or more {@code PUBLIC KEY} blocks), by key id. */
    public static Map<String, PublicKey> publicKeys(String text) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        if (text.strip().startsWith("{")) {
            JsonNode jwks = CanonicalJson.parse(text);
            JsonNode array = jwks.has("keys") ? jwks.get("keys") : JsonNodeFactory.instance.arrayNode().add(jwks);
            for (JsonNode jwk : array) {
                PublicKey key = fromJwk(jwk);
                keys.put(keyId(key), key);
            }
            return keys;
        }
        Matcher pem = PEM.matcher(text);
        while (pem.find()) {
            if (pem.group(1).equals("PUBLIC KEY")) {
                PublicKey key = publicKey(Base64.getMimeDecoder().decode(pem.group(2)));
                keys.put(keyId(key), key);
            }
        }
        return keys;
    }

    /** The signing key in PEM text: a {@code PRIVATE KEY} block (PKCS#8), Ed25519 or RSA. */
    public static SigningKey signingKey(String pemText) {
        Matcher pem = PEM.matcher(pemText);
        while (pem.find()) {
            if (pem.group(1).equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
                PrivateKey privateKey = privateKey(der);
                PublicKey publicKey = publicHalf(privateKey, der);
                return new SigningKey(privateKey, publicKey, keyId(publicKey));
            }
        }
        throw new IllegalArgumentException("no PRIVATE KEY block (PKCS#8 PEM) found");
    }

    public static String pem(SigningKey key) {
        return pem("PRIVATE KEY", key.privateKey().getEncoded()) + pem(key.publicKey());
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static PublicKey fromJwk(JsonNode jwk) {
        try {
            String kty = jwk.path("kty").asText();
            if (kty.equals("OKP") && jwk.path("crv").asText().equals("Ed25519")) {
                return publicKey(concat(ED25519_PUBLIC_PREFIX, Base64.getUrlDecoder().decode(jwk.path("x").asText())));
            }
            if (kty.equals("RSA")) {
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("n").asText())),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.path("e").asText()))));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unreadable JWK: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("a checkpoint key is an Ed25519 (OKP) or RSA JWK");
    }

    private static PublicKey publicKey(byte[] der) {
        for (String algorithm : new String[]{"Ed25519", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("a PUBLIC KEY block is neither Ed25519 nor RSA");
    }

    private static PrivateKey privateKey(byte[] der) {
        for (String algorithm : new String[]{"Ed25519", "RSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("the PRIVATE KEY block is neither Ed25519 nor RSA");
    }

    /** Ed25519's public key follows from its 32-byte seed; the JCA offers no other way than key generation. */
    private static PublicKey publicHalf(PrivateKey key, byte[] der) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA").generatePublic(
                        new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (der.length == ED25519_PRIVATE_PREFIX.length + 32) {
                byte[] seed = Arrays.copyOfRange(der, ED25519_PRIVATE_PREFIX.length, der.length);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                    @Override
                    public void nextBytes(byte[] bytes) {
                        System.arraycopy(seed, 0, bytes, 0, bytes.length);
                    }
                });
                return generator.generateKeyPair().getPublic();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("the private key must be Ed25519 or an RSA key with its CRT parameters");
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] hex(String hex) {
        return Sha256.fromHex(hex);
    }
}
