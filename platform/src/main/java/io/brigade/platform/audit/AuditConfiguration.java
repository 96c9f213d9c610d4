package io.brigade.platform.audit;

import io.brigade.contracts.Topics;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The audit trail: every service's event store chains its events' hashes; a service that names its
 * {@code brigade.audit.stream} also serves the audit endpoints and publishes signed checkpoints of its store.
 */
@AutoConfiguration
@EnableConfigurationProperties(AuditProperties.class)
public class AuditConfiguration {

    /** Wraps whichever event storage engine the service uses, so every append is chained. */
    @Bean
    static BeanPostProcessor hashChainingEventStorage(ObjectProvider<DataSource> dataSource,
                                                      @Qualifier("eventSerializer")
                                                      ObjectProvider<Serializer> eventSerializer,
                                                      @Value("${brigade.axon.snapshots:false}") boolean snapshots) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof EventStorageEngine engine) || bean instanceof HashChainingEventStorageEngine) {
                    return bean;
                }
                Serializer serializer = engine instanceof AbstractEventStorageEngine axonEngine
                        ? axonEngine.getEventSerializer() : eventSerializer.getObject();
                return new HashChainingEventStorageEngine(engine, serializer,
                        new ChainHeads(new JdbcTemplate(dataSource.getObject())), snapshots);
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty("brigade.audit.stream")
    static class AuditEndpoints {

        @Bean
        CheckpointKeys checkpointKeys(AuditProperties properties) {
            return new CheckpointKeys(properties.getSigning());
        }

        @Bean
        EventStoreRows eventStoreRows(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
            return new EventStoreRows(jdbc, transactions);
        }

        @Bean(destroyMethod = "close")
        CheckpointLog checkpointLog(BrigadeKafkaProperties brigade, KafkaProperties kafka) {
            return new CheckpointLog(brigade.topic(Topics.AUDIT_CHECKPOINTS), kafka.buildProducerProperties(),
                    kafka.buildConsumerProperties());
        }

        /** Checkpoints are the evidence against a rewritten store: their topic keeps them forever. */
        @Bean
        KafkaAdmin.NewTopics auditCheckpointsTopic(BrigadeKafkaProperties brigade) {
            return new KafkaAdmin.NewTopics(TopicBuilder.name(brigade.topic(Topics.AUDIT_CHECKPOINTS))
                    .partitions(brigade.getPartitions()).replicas(1)
                    .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
        }

        @Bean
        CheckpointFrontiers checkpointFrontiers(JdbcTemplate jdbc) {
            return new CheckpointFrontiers(jdbc);
        }

        @Bean
        Checkpointer checkpointer(@Value("${spring.application.name}") String service, EventStoreRows rows,
                                  CheckpointLog log, CheckpointFrontiers frontiers, CheckpointKeys keys,
                                  AuditProperties properties) {
            return new Checkpointer(service, rows, log, frontiers, keys, properties.getCheckpointInterval(),
                    properties.getGapWait(), Clock.systemUTC());
        }

        @Bean
        AuditTrail auditTrail(@Value("${spring.application.name}") String service, EventStoreRows rows,
                              CheckpointLog log, CheckpointKeys keys, Checkpointer checkpointer,
                              @Qualifier("eventSerializer") Serializer serializer) {
            return new AuditTrail(service, rows, log, keys, checkpointer, serializer, Clock.systemUTC());
        }

        @Bean
        AuditController auditController(AuditTrail trail) {
            return new AuditController(trail);
        }
    }
}
