package io.brigade.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Every service describes its part of the API at {@code /v3/api-docs} (springdoc, from its controllers), named after
 * the service and secured by the bearer access token; the gateway merges them into one description under
 * {@code /api/docs}. docs/api.md says what the description cannot: conventions, roles and the live updates.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDescription {

    static final String BEARER = "bearer";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI brigadeApiDescription(@Value("${spring.application.name:brigade}") String service) {
        return new OpenAPI()
                .info(new Info().title("Brigade " + service).version("v1")
                        .description("Part of the Brigade API; see docs/api.md for the conventions."))
                .components(new Components().addSecuritySchemes(BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
