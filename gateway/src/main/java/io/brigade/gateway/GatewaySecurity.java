package io.brigade.gateway;

import io.brigade.contracts.common.VerifiedTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The gateway turns away requests without a valid access token before they reach a service (each service checks the
 * token again itself): RS256 signature against the auth service's JWKS, an expiry that has not passed, our issuer and
 * audience. Login, refresh, the JWKS and the websocket upgrade (authenticated by its STOMP CONNECT frame) are public.
 * Roles are left to the services, which know their endpoints.
 */
@Configuration
@EnableWebFluxSecurity
class GatewaySecurity {

    private static final Set<String> ROLES = Set.of("ADMIN", "MANAGER", "STAFF", "KITCHEN", "AUDITOR");
    private static final int TOKENS_KEPT = 10_000;

    /** The request is traced once, as a whole, without a span per security step (as the services do). */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties) {
        GatewayProperties.Jwt jwt = properties.jwt();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtClaimValidator<Instant>(JwtClaimNames.EXP, exp -> exp != null),
                new JwtTimestampValidator(Duration.ofSeconds(30)),
                new JwtIssuerValidator(jwt.issuer()),
                new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(jwt.audience())),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()),
                new JwtClaimValidator<String>("role", ROLES::contains)));
        decoder.setJwtValidator(signed -> OAuth2TokenValidatorResult.success());
        VerifiedTokens<Jwt> verified = new VerifiedTokens<>(TOKENS_KEPT);
        // the signature is checked the first time a token is seen, its claims (expiry above all) at every request
        return token -> Mono.justOrEmpty(verified.find(token))
                .switchIfEmpty(Mono.defer(() -> decoder.decode(token).map(signed -> verified.keep(token, signed))))
                .flatMap(signed -> {
                    OAuth2TokenValidatorResult result = claims.validate(signed);
                    return result.hasErrors()
                            ? Mono.error(new JwtValidationException(
                                    result.getErrors().iterator().next().getDescription(), result.getErrors()))
                            : Mono.just(signed);
                });
    }

    @Bean
    SecurityWebFilterChain gatewaySecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                      CorsConfigurationSource cors) {
        ServerAuthenticationEntryPoint unauthorized = (exchange, ex) -> {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                            ? "Bearer error=\"invalid_token\"" : "Bearer");
            return Problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "unauthorized",
                    "A valid access token is required");
        };
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(c -> c.configurationSource(cors))
                .authorizeExchange(a -> a
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/auth/refresh").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/v1/auth/.well-known/jwks.json").permitAll()
                        .pathMatchers("/ws", "/ws/**").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .matchers(WebApp.PAGES).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(o -> o.jwt(j -> j.jwtDecoder(decoder)).authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized))
                .build();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", RequestLog.CORRELATION_HEADER));
        cors.setExposedHeaders(List.of(RequestLog.CORRELATION_HEADER, HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
