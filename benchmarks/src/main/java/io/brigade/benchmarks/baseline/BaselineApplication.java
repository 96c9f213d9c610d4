package io.brigade.benchmarks.baseline;

import io.brigade.platform.audit.AuditConfiguration;
import io.brigade.platform.axon.BrigadeAxonConfiguration;
import io.brigade.platform.kafka.BrigadeKafkaConfiguration;
import io.brigade.platform.kafka.ProcessingGroupTopics;
import io.brigade.platform.openapi.ApiDescription;
import io.brigade.platform.ops.OperationsConfiguration;
import io.brigade.platform.problem.ProblemConfiguration;
import io.brigade.platform.security.BrigadeSecurityConfiguration;
import io.brigade.platform.tracing.TracingConfiguration;
import io.brigade.platform.web.InputRulesConfiguration;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Plain Axon, as its reference guide sets it up, for a same-run comparison with Brigade's order service: one
 * aggregate, the same JPA event store schema on the same PostgreSQL, the same Kafka publisher (a tracking processor
 * reading the store, batches of 100, acks from all replicas), one projection in the command's transaction. None of
 * Brigade's platform: no hash chain, caller metadata, tracing, monitors, audit checkpoints or input rules.
 */
@SpringBootApplication(exclude = {BrigadeAxonConfiguration.class, BrigadeKafkaConfiguration.class,
        BrigadeSecurityConfiguration.class, ProblemConfiguration.class, InputRulesConfiguration.class,
        ProcessingGroupTopics.class, ApiDescription.class, AuditConfiguration.class, OperationsConfiguration.class,
        TracingConfiguration.class})
public class BaselineApplication {

    /** Brigade's publisher reads the store in batches of 100 from its first event; so does this one. */
    @Bean
    ConfigurerModule publisherAsBrigadeRunsIt() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    @Bean
    KafkaAdmin.NewTopics baselineTopic(@Value("${axon.kafka.default-topic}") String topic,
                                       @Value("${brigade.kafka.partitions}") int partitions) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(topic).partitions(partitions).replicas(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
    }
}
