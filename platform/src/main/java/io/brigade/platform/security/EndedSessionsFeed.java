package io.brigade.platform.security;

import io.brigade.contracts.auth.UserDeactivated;
import io.brigade.contracts.auth.UserId;
import io.brigade.contracts.auth.UserPasswordChanged;
import io.brigade.contracts.auth.UserRoleChanged;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the auth service's events from the first one on, and tells {@link EndedSessions} whose sessions ended when.
 * Every instance of every service reads the whole topic itself (no consumer group offsets are kept): it is small, and
 * each instance needs all of it.
 */
public class EndedSessionsFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EndedSessionsFeed.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final EndedSessions sessions;
    private final KafkaMessageConverter<String, byte[]> converter;
    private final Map<String, Object> consumerProperties;
    private final String topic;
    private final String clientId;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;

    public EndedSessionsFeed(EndedSessions sessions, KafkaMessageConverter<String, byte[]> converter,
                             Map<String, Object> consumerProperties, String topic, String clientId) {
        this.sessions = sessions;
        this.converter = converter;
        this.consumerProperties = consumerProperties;
        this.topic = topic;
        this.clientId = clientId;
    }

    @Override
    public void start() {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, clientId + "-sessions-" + UUID.randomUUID(),
                ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-sessions",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // until the auth service has created its topic, look for it every few seconds
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000));
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        reader = new Thread(this::read, "ended-sessions");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                        read(record);
                    }
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (RuntimeException e) {
                    log.warn("Reading {} failed, trying again in {}: {}", topic, RETRY_AFTER, e.toString());
                    Thread.sleep(RETRY_AFTER.toMillis());
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // stop() asked
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** A record this service cannot read is passed over: the events that end sessions are the ones it knows. */
    private void read(ConsumerRecord<String, byte[]> record) {
        try {
            converter.readKafkaMessage(record).ifPresent(this::apply);
        } catch (RuntimeException e) {
            log.warn("Passed over record {} of {}: {}", record.offset(), record.topic(), e.toString());
        }
    }

    private void apply(EventMessage<?> event) {
        Object payload = event.getPayload();
        UserId user = payload instanceof UserDeactivated deactivated ? deactivated.userId()
                : payload instanceof UserRoleChanged roleChanged ? roleChanged.userId()
                : payload instanceof UserPasswordChanged passwordChanged ? passwordChanged.userId()
                : null;
        if (user != null) {
            sessions.ended(user.value().toString(), event.getTimestamp());
        }
    }

    @Override
    public void stop() {
        KafkaConsumer<String, byte[]> running = consumer;
        if (running != null) {
            running.wakeup();
        }
        Thread thread = reader;
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reader = null;
        consumer = null;
    }

    @Override
    public boolean isRunning() {
        return reader != null;
    }
}
