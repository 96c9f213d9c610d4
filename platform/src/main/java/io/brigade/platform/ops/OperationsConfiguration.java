package io.brigade.platform.ops;

import io.brigade.platform.kafka.BrigadeKafkaConfiguration;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaReplays;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import java.util.Optional;

/**
 * What an operator sees of every service: Axon's commands and processors as metrics, where each processor stands, the
 * operations endpoint that pauses, resumes and replays them, and readiness that includes Kafka and processor lag.
 */
@AutoConfiguration(after = BrigadeKafkaConfiguration.class)
public class OperationsConfiguration {

    @Bean
    ConfigurerModule axonMicrometerMonitors(MeterRegistry registry) {
        return AxonMonitors.module(registry);
    }

    @Bean(destroyMethod = "close")
    ProcessorStatuses processorStatuses(EventProcessingConfiguration processing, BrigadeKafkaProperties brigade,
                                        KafkaProperties kafka, ObjectProvider<EventStore> eventStore) {
        return new ProcessorStatuses(processing, brigade,
                new DefaultConsumerFactory<>(kafka.buildConsumerProperties()),
                Optional.ofNullable(eventStore.getIfAvailable()));
    }

    @Bean
    ProcessorMeters processorMeters(ProcessorStatuses statuses, MeterRegistry registry) {
        return new ProcessorMeters(statuses, registry);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    ProcessorsEndpoint processorsEndpoint(ProcessorStatuses statuses, EventProcessingConfiguration processing,
                                          KafkaReplays replays) {
        return new ProcessorsEndpoint(statuses, processing, replays);
    }

    @Bean(destroyMethod = "close")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties());
    }

    @Bean
    ProcessorLagHealthIndicator processorsHealthIndicator(ProcessorStatuses statuses,
                                                          @Value("${brigade.ops.ready-lag-limit:10000}") long limit) {
        return new ProcessorLagHealthIndicator(statuses, limit);
    }
}
