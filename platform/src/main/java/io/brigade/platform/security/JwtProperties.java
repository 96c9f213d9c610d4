package io.brigade.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.ArrayList;
import java.util.List;

/**
 * How a service checks access tokens: the issuer and audience they must name, and where the auth service's public
 * keys are ({@code jwkSetUri}), or one trusted public key given directly ({@code publicKey}, X.509 DER in base64 or
 * PEM), which wins when set. {@code publicPaths} are reachable without a token (health is always).
 */
@ConfigurationProperties("brigade.security.jwt")
public class JwtProperties {

    private String issuer = "brigade-auth";
    private String audience = "brigade-api";
    private String jwkSetUri = "http://localhost:8081/api/v1/auth/.well-known/jwks.json";
    private String publicKey;
    private List<String> publicPaths = new ArrayList<>();

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }

    public String getJwkSetUri() {
        return jwkSetUri;
    }

    public void setJwkSetUri(String jwkSetUri) {
        this.jwkSetUri = jwkSetUri;
    }

    public String getPublicKey() {
        return publicKey;
    }

    public void setPublicKey(String publicKey) {
        this.publicKey = publicKey;
    }

    public List<String> getPublicPaths() {
        return publicPaths;
    }

    public void setPublicPaths(List<String> publicPaths) {
        this.publicPaths = publicPaths;
    }
}
