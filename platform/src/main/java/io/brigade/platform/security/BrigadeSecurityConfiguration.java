package io.brigade.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.problem.ProblemResponses;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Every endpoint needs an authenticated caller except health and metrics; roles are checked per endpoint with
 * {@code @PreAuthorize}. ADMIN may do everything. Refusals are problem+json: 401 without a valid identity, 403 for a
 * role that is not allowed.
 */
@AutoConfiguration(before = SecurityAutoConfiguration.class)
@EnableMethodSecurity
public class BrigadeSecurityConfiguration {

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Roles.ADMIN).implies(Roles.MANAGER, Roles.STAFF, Roles.KITCHEN, Roles.AUDITOR)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain brigadeSecurityFilterChain(HttpSecurity http, ObjectMapper mapper, Environment environment)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                        .permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> ProblemResponses.write(response, mapper,
                                ProblemResponses.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                                        "A valid access token is required")))
                        .accessDeniedHandler((request, response, ex) -> ProblemResponses.write(response, mapper,
                                ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden",
                                        "Your role may not do this"))));
        if (environment.getProperty("brigade.security.dev-header-enabled", Boolean.class, false)) {
            http.addFilterBefore(new DevHeaderAuthenticationFilter(), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }
}
