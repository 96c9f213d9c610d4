package io.brigade.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Registers the problem+json mapping in every service. */
@AutoConfiguration
public class ProblemConfiguration {

    @Bean
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }
}
