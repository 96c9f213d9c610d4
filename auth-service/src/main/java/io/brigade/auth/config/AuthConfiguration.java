package io.brigade.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.brigade.auth.token.SigningKeys;
import io.brigade.platform.security.AccessTokenValidation;
import io.brigade.platform.security.EndedSessions;
import io.brigade.platform.security.JwtProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;

/**
 * The auth service checks access tokens against its own keys in the database rather than fetching its own JWKS over
 * HTTP; the rules for a valid token are the platform's, like every other service.
 */
@Configuration
public class AuthConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, JwtProperties properties, EndedSessions endedSessions) {
        JWKSource<SecurityContext> source = (selector, context) -> {
            var found = selector.select(keys.published());
            return found.isEmpty() ? selector.select(keys.publishedAfterReload()) : found;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(AccessTokenValidation.validator(properties.getIssuer(), properties.getAudience(),
                endedSessions));
        return decoder;
    }
}
