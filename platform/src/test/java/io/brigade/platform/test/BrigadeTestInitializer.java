package io.brigade.platform.test;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.UUID;

/**
 * Points a service's context at the shared test servers with a database and Kafka topics of its own, so no test class
 * sees another's events. Services trust the access tokens of {@link TestTokens}.
 */
public class BrigadeTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String name = context.getEnvironment().getProperty("spring.application.name", "service");
        String run = UUID.randomUUID().toString().substring(0, 8);
        TestPropertyValues.of(
                "spring.datasource.url=" + infrastructure.newDatabase(name),
                "spring.datasource.username=" + infrastructure.postgresUser(),
                "spring.datasource.password=" + infrastructure.postgresPassword(),
                "spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "brigade.kafka.topic-prefix=t" + run + ".",
                "brigade.security.jwt.public-key=" + TestTokens.publicKeyBase64()
        ).applyTo(context);
    }
}
