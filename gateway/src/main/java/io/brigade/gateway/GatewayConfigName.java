package io.brigade.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Makes the gateway read {@code gateway.yml} and run reactive, however it is started: on its own, or by the devstack
 * next to servlet services on one classpath (where Boot would otherwise pick a servlet server). Other applications in
 * the same JVM are left alone.
 */
public class GatewayConfigName implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!application.getAllSources().contains(GatewayApplication.class)) {
            return;
        }
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        if (!environment.containsProperty("spring.config.name")) {
            environment.getPropertySources().addLast(new MapPropertySource("gatewayConfigName",
                    Map.of("spring.config.name", "gateway")));
        }
    }

    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
