package io.brigade.platform.kafka;

import io.brigade.contracts.EventUpcasters;
import io.brigade.contracts.Topics;
import io.brigade.platform.security.EndedSessions;
import io.brigade.platform.security.EndedSessionsFeed;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventhandling.deadletter.jpa.JpaSequencedDeadLetterQueue;
import org.axonframework.extensions.kafka.KafkaProperties;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.consumer.AsyncFetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.DefaultConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.Fetcher;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaEventMessage;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.SortedKafkaMessageBuffer;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.StreamableKafkaMessageSource;
import org.axonframework.extensions.kafka.eventhandling.producer.KafkaPublisher;
import org.axonframework.extensions.kafka.eventhandling.producer.ProducerFactory;
import org.axonframework.extensions.kafka.eventhandling.producer.TopicResolver;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Kafka between services: the service's committed events go to its own topic (keyed by aggregate id), and each
 * consuming processing group reads its topics through a {@link StreamableKafkaMessageSource}, with its token in the
 * service's own database and a sequenced dead-letter queue, so one poison event does not stop the others.
 */
@AutoConfiguration(before = org.axonframework.extensions.kafka.autoconfig.KafkaAutoConfiguration.class)
@EnableConfigurationProperties({BrigadeKafkaProperties.class, KafkaProperties.class})
public class BrigadeKafkaConfiguration {

    /**
     * How often an instance tries to claim a group's segment another instance holds: one that stopped leaves its claim
     * to expire (axon.eventhandling.tokenstore.claim-timeout), and this is how soon after that another takes over.
     */
    public static final Duration CLAIM_RETRY = Duration.ofSeconds(1);

    @Bean
    TopicResolver brigadeTopicResolver(BrigadeKafkaProperties properties) {
        String topic = properties.topic(properties.getPublishTopic());
        return event -> Optional.of(topic);
    }

    /**
     * Axon's own converter exists only while its publisher or fetcher is on; consumers need it regardless. Events of an
     * earlier revision read through the upcasters of the published language. Each published record carries the
     * event's global index in the service's store ({@link GlobalIndexHeader}).
     */
    @Bean
    @ConditionalOnMissingBean
    KafkaMessageConverter<String, byte[]> kafkaMessageConverter(@Qualifier("eventSerializer") Serializer serializer) {
        return new GlobalIndexHeader(DefaultKafkaMessageConverter.builder().serializer(serializer)
                .upcasterChain(new EventUpcasterChain(EventUpcasters.all())).build());
    }

    /**
     * The publisher waits for Kafka's acknowledgement of a batch before its token moves on, so nothing is lost. Axon's
     * default of one second is shorter than a busy broker or machine may take: the whole batch then fails, is sent
     * again after the processor's back-off (a second, then doubling), and every event behind it waits that long. So the
     * wait is {@code brigade.kafka.publish-ack-timeout}, long enough for a slow moment, still well within the producer's
     * own delivery timeout.
     */
    @Bean(destroyMethod = "shutDown")
    @ConditionalOnProperty(name = "axon.kafka.publisher.enabled", havingValue = "true", matchIfMissing = true)
    @SuppressWarnings("unchecked")
    KafkaPublisher<String, byte[]> kafkaPublisher(ProducerFactory<?, ?> producers,
                                                  KafkaMessageConverter<String, byte[]> converter,
                                                  TopicResolver topics,
                                                  org.axonframework.config.Configuration configuration,
                                                  @Qualifier("eventSerializer") Serializer serializer,
                                                  @Value("${brigade.kafka.publish-ack-timeout}") Duration ackTimeout) {
        return KafkaPublisher.<String, byte[]>builder()
                .serializer(serializer)
                .producerFactory((ProducerFactory<String, byte[]>) producers)
                .messageConverter(converter)
                .topicResolver(topics)
                .messageMonitor(configuration.messageMonitor(KafkaPublisher.class, "kafkaPublisher"))
                .publisherAckTimeout(ackTimeout.toMillis())
                .build();
    }

    /** Every topic the service touches exists with enough partitions and is kept forever, so views can be rebuilt. */
    @Bean
    KafkaAdmin.NewTopics brigadeTopics(BrigadeKafkaProperties properties) {
        Set<String> names = new LinkedHashSet<>();
        if (properties.getPublishTopic() != null) {
            names.add(properties.topic(properties.getPublishTopic()));
        }
        properties.getConsumers().values().forEach(topics -> topics.forEach(t -> names.add(properties.topic(t))));
        return new KafkaAdmin.NewTopics(names.stream()
                .map(name -> TopicBuilder.name(name).partitions(properties.getPartitions()).replicas(1)
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build())
                .toArray(NewTopic[]::new));
    }

    @Bean(destroyMethod = "shutdown")
    Fetcher<String, byte[], KafkaEventMessage> brigadeKafkaFetcher(KafkaProperties properties) {
        return AsyncFetcher.<String, byte[], KafkaEventMessage>builder()
                .pollTimeout(properties.getFetcher().getPollTimeout())
                .build();
    }

    /** The converter and serializer come from Axon's configuration, so they are looked up when processors start. */
    @Bean
    ConfigurerModule brigadeKafkaConsumers(BrigadeKafkaProperties brigade, KafkaProperties kafka,
                                           Fetcher<String, byte[], KafkaEventMessage> fetcher,
                                           ObjectProvider<KafkaMessageConverter<?, ?>> converter) {
        ConsumerFactory<String, byte[]> consumers = new DefaultConsumerFactory<>(kafka.buildConsumerProperties());
        return configurer -> brigade.getConsumers().forEach((group, topics) -> configurer.eventProcessing()
                .registerTrackingEventProcessor(group,
                        c -> source(topics.stream().map(brigade::topic).toList(), consumers, fetcher,
                                converter.getObject(), c.eventSerializer(), kafka.getFetcher().getBufferSize()),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(50)
                                .andTokenClaimInterval(CLAIM_RETRY.toMillis(), TimeUnit.MILLISECONDS)
                                .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .registerDeadLetterQueue(group, c -> JpaSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .entityManagerProvider(c.getComponent(EntityManagerProvider.class))
                        .transactionManager(c.getComponent(TransactionManager.class))
                        .serializer(c.serializer())
                        .build())
                .registerDeadLetterPolicy(group, c -> DeadLettersEndpoint.countingAttempts())
                // an event asks the queue whether its sequence is parked only while parked sequences may exist:
                // the claimed segment's parked sequences are known in memory from the queue as it was at the claim
                .registerDeadLetteringEventHandlerInvokerConfiguration(group,
                        (c, invoker) -> invoker.enableSequenceIdentifierCache()));
    }

    /**
     * Instances of a service share its token store, so each group runs on one instance at a time; a per-instance group
     * keeps its position in memory instead, and every instance reads the whole of its topics.
     */
    @Bean
    ConfigurerModule brigadePerInstanceGroups(BrigadeKafkaProperties brigade) {
        return configurer -> brigade.getPerInstance().forEach(group -> configurer.eventProcessing()
                .registerTokenStore(group, c -> new InMemoryTokenStore()));
    }

    /** Every service refuses the access tokens of sessions the auth service has ended. */
    @Bean
    EndedSessionsFeed endedSessionsFeed(EndedSessions sessions, BrigadeKafkaProperties brigade, KafkaProperties kafka,
                                        ObjectProvider<KafkaMessageConverter<?, ?>> converter,
                                        @Value("${spring.application.name:brigade}") String service) {
        @SuppressWarnings("unchecked")
        var messages = (KafkaMessageConverter<String, byte[]>) converter.getObject();
        return new EndedSessionsFeed(sessions, messages, kafka.buildConsumerProperties(),
                brigade.topic(Topics.AUTH_EVENTS), service);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    ReplaysEndpoint replaysEndpoint(KafkaReplays replays, BrigadeKafkaProperties brigade,
                                    EventProcessingConfiguration processing) {
        return new ReplaysEndpoint(replays, brigade, processing);
    }

    @Bean
    @ConditionalOnAvailableEndpoint
    DeadLettersEndpoint deadLettersEndpoint(BrigadeKafkaProperties brigade, EventProcessingConfiguration processing,
                                            @Qualifier("eventSerializer") Serializer serializer) {
        return new DeadLettersEndpoint(brigade, processing, serializer);
    }

    @Bean
    KafkaReplays kafkaReplays(EventProcessingConfiguration processing, BrigadeKafkaProperties brigade,
                              KafkaProperties kafka) {
        return new KafkaReplays(processing, brigade, new DefaultConsumerFactory<>(kafka.buildConsumerProperties()));
    }

    @SuppressWarnings("unchecked")
    private static StreamableKafkaMessageSource<String, byte[]> source(
            List<String> topics, ConsumerFactory<String, byte[]> consumers,
            Fetcher<String, byte[], KafkaEventMessage> fetcher, KafkaMessageConverter<?, ?> converter,
            Serializer serializer, int bufferSize) {
        return StreamableKafkaMessageSource.<String, byte[]>builder()
                .topics(topics)
                .consumerFactory(consumers)
                .fetcher(fetcher)
                .messageConverter((KafkaMessageConverter<String, byte[]>) converter)
                .serializer(serializer)
                .bufferFactory(() -> new SortedKafkaMessageBuffer<>(bufferSize))
                .build();
    }
}
