package io.brigade.platform.security;

/** The claims of a Brigade access token beyond the registered ones (sub is the user id; iss, aud, exp, iat, jti). */
public final class AccessTokenClaims {

    public static final String USERNAME = "username";
    public static final String ROLE = "role";

    private AccessTokenClaims() {
    }
}
