package io.brigade.platform.test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A service started for a test that needs more than one service, or the same service twice (a restart): the services
 * of one {@link Stage} share a Kafka topic prefix, and each keeps its database across restarts. Otherwise set up as
 * {@link ServiceIntegrationTest} sets up a service.
 */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Services that talk to each other through their own topics; each named database is created once. */
    public static final class Stage {

        private final String topicPrefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
        private final Map<String, String> databases = new HashMap<>();

        public String topicPrefix() {
            return topicPrefix;
        }

        public String topic(String logicalName) {
            return topicPrefix + logicalName;
        }

        /** Starts {@code application} on a random port with the database called {@code database} on this stage. */
        public RunningService start(Class<?> application, String database, String... properties) {
            String url = databases.computeIfAbsent(database, TestInfrastructure.get()::newDatabase);
            List<String> values = new ArrayList<>(List.of(
                    "spring.datasource.url=" + url,
                    "brigade.kafka.topic-prefix=" + topicPrefix,
                    "server.port=0",
                    "spring.main.banner-mode=off"));
            values.addAll(List.of(properties));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .initializers(new BrigadeTestInitializer(),
                            c -> TestPropertyValues.of(values).applyTo(c))
                    .run();
            return new RunningService(context);
        }
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public ApiClient api() {
        return ApiClient.at("http://localhost:" + port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
