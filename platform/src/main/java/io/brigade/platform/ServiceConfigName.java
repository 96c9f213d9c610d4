package io.brigade.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.Objects;

/**
 * Sets {@code spring.config.name} to the name in the application's {@link BrigadeService}, before Boot reads its
 * configuration files. An explicit {@code spring.config.name} wins.
 */
public class ServiceConfigName implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.config.name")) {
            return;
        }
        application.getAllSources().stream()
                .filter(Class.class::isInstance)
                .map(source -> AnnotatedElementUtils.findMergedAnnotation((Class<?>) source, BrigadeService.class))
                .filter(Objects::nonNull)
                .findFirst()
                .ifPresent(service -> environment.getPropertySources().addLast(new MapPropertySource(
                        "brigadeServiceConfigName", Map.of("spring.config.name", service.value()))));
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
