package io.brigade.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.problem.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.stream.Stream;

/**
 * Every Brigade service is an OAuth2 resource server: each request needs an access token the service verifies itself
 * (RS256 signature against the auth service's keys, expiry, issuer, audience) except health, metrics and the paths a
 * service declares public. Roles are checked per endpoint with {@code @PreAuthorize}; ADMIN may do everything.
 * Refusals are problem+json: 401 without a valid token, 403 for a role that is not allowed.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@EnableConfigurationProperties(JwtProperties.class)
@EnableMethodSecurity
public class BrigadeSecurityConfiguration {

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Roles.ADMIN).implies(Roles.MANAGER, Roles.STAFF, Roles.KITCHEN, Roles.AUDITOR)
                .build();
    }

    /**
     * The request is traced and measured once, as a whole; Spring Security's own observations of its filter chain,
     * authentications and authorizations would add several spans to every request at a cost its latency shows.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    EndedSessions endedSessions() {
        return new EndedSessions();
    }

    /** Only RS256 is accepted, so neither {@code alg: none} nor an HMAC keyed with the public key gets through. */
    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder brigadeJwtDecoder(JwtProperties properties, EndedSessions endedSessions) {
        NimbusJwtDecoder decoder = properties.getPublicKey() != null && !properties.getPublicKey().isBlank()
                ? NimbusJwtDecoder.withPublicKey(rsaPublicKey(properties.getPublicKey()))
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build()
                : NimbusJwtDecoder.withJwkSetUri(properties.getJwkSetUri())
                        .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        return new SignatureCheckedOnce(decoder, AccessTokenValidation.validator(properties.getIssuer(),
                properties.getAudience(), endedSessions));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain brigadeSecurityFilterChain(HttpSecurity http, ObjectMapper mapper, JwtDecoder jwtDecoder,
                                                   JwtProperties properties) throws Exception {
        String[] publicPaths = Stream.concat(
                        Stream.of("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error",
                                "/v3/api-docs", "/v3/api-docs/**"),
                        properties.getPublicPaths().stream())
                .toArray(String[]::new);
        AuthenticationEntryPoint unauthorized = (request, response, ex) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, request.getHeader(HttpHeaders.AUTHORIZATION) == null
                    ? "Bearer" : "Bearer error=\"invalid_token\"");
            ProblemResponses.write(response, mapper, ProblemResponses.problem(HttpStatus.UNAUTHORIZED,
                    "unauthorized", "A valid access token is required"));
        };
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(paths(publicPaths)).permitAll()
                        .requestMatchers(paths("/actuator/replays", "/actuator/replays/**", "/actuator/deadletters",
                                "/actuator/deadletters/**", "/actuator/processors", "/actuator/processors/**"))
                        .hasRole(Roles.ADMIN)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(CallerAuthentication::new))
                        .authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, mapper,
                                ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden",
                                        "Your role may not do this"))));
        return http.build();
    }

    /**
     * Matched on the request's path alone: the default for a string, a Spring MVC matcher, asks every handler mapping
     * of the service for every rule of every request, which cost more than checking the token.
     */
    private static RequestMatcher[] paths(String... patterns) {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return Stream.of(patterns).map(paths::matcher).toArray(RequestMatcher[]::new);
    }

    static RSAPublicKey rsaPublicKey(String encoded) {
        String base64 = encoded.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("brigade.security.jwt.public-key is not an RSA public key", e);
        }
    }
}
