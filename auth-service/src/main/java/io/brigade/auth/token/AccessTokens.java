package io.brigade.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.brigade.auth.config.AuthProperties;
import io.brigade.auth.domain.User;
import io.brigade.platform.security.AccessTokenClaims;
import io.brigade.platform.security.JwtProperties;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Signs short-lived access tokens: who (sub, username), with which role, for whom (aud), by whom (iss), until when. */
@Service
public class AccessTokens {

    private final SigningKeys keys;
    private final JwtProperties jwt;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokens(SigningKeys keys, JwtProperties jwt, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.jwt = jwt;
        this.lifetime = properties.accessTokenLifetime();
        this.clock = clock;
    }

    public String issue(User user) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(user.id().toString())
                .claim(AccessTokenClaims.USERNAME, user.username())
                .claim(AccessTokenClaims.ROLE, user.role())
                .issuer(jwt.getIssuer())
                .audience(jwt.getAudience())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        RSAKey signer = keys.signer();
        try {
            SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                    .keyID(signer.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
            token.sign(new RSASSASigner(signer));
            return token.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign an access token", e);
        }
    }

    public Duration lifetime() {
        return lifetime;
    }
}
