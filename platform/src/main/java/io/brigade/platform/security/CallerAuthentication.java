package io.brigade.platform.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;

/** A request authenticated by a verified access token; its principal is the {@link Caller} the token names. */
public class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;
    private final Jwt token;

    public CallerAuthentication(Jwt token) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + token.getClaimAsString(AccessTokenClaims.ROLE))));
        this.token = token;
        this.caller = new Caller(token.getSubject(), token.getClaimAsString(AccessTokenClaims.USERNAME),
                token.getClaimAsString(AccessTokenClaims.ROLE));
        setAuthenticated(true);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public Jwt getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return caller.username();
    }
}
