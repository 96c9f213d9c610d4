package io.brigade.platform.security;

import io.brigade.contracts.common.VerifiedTokens;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * An access token's signature is checked the first time the service sees it ({@link VerifiedTokens}); its claims are
 * validated at every request, so an expired token or one of an ended session is refused as before.
 */
final class SignatureCheckedOnce implements JwtDecoder {

    private static final int TOKENS_KEPT = 10_000;

    private final NimbusJwtDecoder signatures;
    private final OAuth2TokenValidator<Jwt> claims;
    private final VerifiedTokens<Jwt> verified = new VerifiedTokens<>(TOKENS_KEPT);

    SignatureCheckedOnce(NimbusJwtDecoder signatures, OAuth2TokenValidator<Jwt> claims) {
        this.signatures = signatures;
        this.claims = claims;
        signatures.setJwtValidator(jwt -> OAuth2TokenValidatorResult.success());
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.verified(token, signatures::decode);
        OAuth2TokenValidatorResult result = claims.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException(result.getErrors().iterator().next().getDescription(),
                    result.getErrors());
        }
        return jwt;
    }
}
