package io.brigade.benchmarks;

import io.brigade.platform.test.BrigadeTestInitializer;
import io.brigade.platform.test.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A service started for a benchmark on the same embedded PostgreSQL and Kafka the tests use, in this process. */
final class BenchmarkStage {

    private final String prefix = "bench" + UUID.randomUUID().toString().substring(0, 6) + ".";

    String topic(String logicalName) {
        return prefix + logicalName;
    }

    ConfigurableApplicationContext start(Class<?> application, String... properties) {
        List<String> values = new ArrayList<>(List.of(
                "brigade.kafka.topic-prefix=" + prefix,
                "brigade.kafka.partitions=12",
                "spring.main.banner-mode=off",
                "logging.level.root=WARN",
                "logging.structured.format.console="));
        values.addAll(List.of(properties));
        TestInfrastructure.get();
        return new SpringApplicationBuilder(application)
                .initializers(new BrigadeTestInitializer(), c -> TestPropertyValues.of(values).applyTo(c))
                .run("--server.port=0");
    }
}
