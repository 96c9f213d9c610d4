package io.brigade.platform.axon;

import io.brigade.contracts.EventUpcasters;
import io.brigade.platform.jdbc.StorableTextDataSource;
import io.brigade.platform.kafka.BrigadeKafkaConfiguration;
import io.brigade.platform.metadata.CallerCorrelationDataProvider;
import io.brigade.platform.metadata.CallerMetaDataInterceptor;
import io.brigade.platform.metadata.CorrelationIdFilter;
import io.brigade.platform.metadata.CorrelationIdLogging;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaEventPublisher;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;

import javax.sql.DataSource;
import java.util.List;

/**
 * Axon as every Brigade service uses it: who and which request travel as metadata; the service's events are published
 * to Kafka from a tracking processor that starts at the first stored event (the event store is the outbox); projections
 * that guard a rule across aggregates run in the command's own transaction; a command sent by an event handler is
 * handled in a transaction of its own; every text stored has NUL replaced, as PostgreSQL cannot store it.
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class BrigadeAxonConfiguration {

    @Bean
    CorrelationDataProvider callerCorrelationDataProvider() {
        return new CallerCorrelationDataProvider();
    }

    @Bean
    CommandGateway commandGateway(CommandBus commandBus, PlatformTransactionManager transactions,
                                  ConcurrentChangeRetry concurrentChangeRetry) {
        return new OwnTransactionCommandGateway(commandBus, transactions, concurrentChangeRetry);
    }

    /** Instances of a service share its event store: a command that lost the race for its aggregate is sent again. */
    @Bean(destroyMethod = "shutdown")
    ConcurrentChangeRetry concurrentChangeRetry(
            @Value("${brigade.axon.concurrent-change.retries:8}") int retries,
            @Value("${brigade.axon.concurrent-change.backoff:PT0.02S}") java.time.Duration backoff) {
        return new ConcurrentChangeRetry(retries, backoff);
    }

    /** The aggregates a command service keeps in memory: {@code @Aggregate(cache = "aggregateCache")}. */
    @Bean
    AggregateCache aggregateCache(@Value("${brigade.axon.aggregate-cache.capacity:5000}") int capacity,
                                  ObjectProvider<EventStore> eventStore) {
        return new AggregateCache(capacity, SingletonSupplier.of(eventStore::getObject));
    }

    @Bean
    static BeanPostProcessor storableTextDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource dataSource && !(bean instanceof StorableTextDataSource)
                        ? new StorableTextDataSource(dataSource) : bean;
            }
        };
    }

    @Bean
    SavepointPerEventEnhancer savepointPerEventEnhancer(DataSource dataSource) {
        return new SavepointPerEventEnhancer(dataSource);
    }

    @Bean
    CallerMetaDataInterceptor callerMetaDataInterceptor() {
        return new CallerMetaDataInterceptor();
    }

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> correlationIdFilter() {
        FilterRegistrationBean<CorrelationIdFilter> registration = new FilterRegistrationBean<>(new CorrelationIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    ConfigurerModule correlationIdInEventHandlerLogs() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new CorrelationIdLogging());
    }

    /**
     * Without an explicit initial token a new publishing processor starts in replay up to the head of the store, and
     * the Kafka publisher skips replayed events: everything stored before its first start would never be published.
     */
    @Bean
    ConfigurerModule kafkaPublisherStartsAtTail() {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                KafkaEventPublisher.DEFAULT_PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(100)
                        .andTokenClaimInterval(BrigadeKafkaConfiguration.CLAIM_RETRY.toMillis(),
                                java.util.concurrent.TimeUnit.MILLISECONDS)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken));
    }

    /** The event store reads events of an earlier revision through the upcasters of the published language. */
    @Bean
    ConfigurerModule eventUpcasters() {
        return configurer -> EventUpcasters.all().forEach(upcaster -> configurer.registerEventUpcaster(c -> upcaster));
    }

    /** Processing groups whose handlers must succeed or fail with the command that applied the event. */
    @Bean
    ConfigurerModule inTransactionProcessingGroups(
            @Value("${brigade.axon.subscribing-groups:}") List<String> groups) {
        return configurer -> groups.forEach(group -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(group)
                .registerListenerInvocationErrorHandler(group, c -> PropagatingErrorHandler.instance()));
    }
}
