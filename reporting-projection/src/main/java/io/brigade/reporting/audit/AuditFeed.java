package io.brigade.reporting.audit;

import io.brigade.audit.CanonicalJson;
import io.brigade.audit.Checkpoint;
import io.brigade.contracts.Topics;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the audit trail: reads every service's topic and the checkpoints topic in a consumer group of its own, stores
 * each poll's events and checkpoints in one transaction, then commits the offsets. A crash between the two delivers
 * the poll again, and the tables keep each event and checkpoint once. A report replay never reads or resets it.
 */
@Component
public class AuditFeed implements SmartLifecycle {

    /** Which service publishes to which topic: the {@code service} of each event, as its checkpoints name it. */
    public static final Map<String, String> SERVICES_BY_TOPIC = servicesByTopic();
    static final String GROUP = "reporting-audit-trail";

    private static final Logger log = LoggerFactory.getLogger(AuditFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLL_RECORDS = 2000;

    private final BrigadeKafkaProperties brigade;
    private final KafkaProperties kafka;
    private final AuditEventTable events;
    private final CheckpointTable checkpoints;
    private final TransactionTemplate transactions;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile long storedPolls;

    public AuditFeed(BrigadeKafkaProperties brigade, KafkaProperties kafka, AuditEventTable events,
                     CheckpointTable checkpoints, TransactionTemplate transactions) {
        this.brigade = brigade;
        this.kafka = kafka;
        this.events = events;
        this.checkpoints = checkpoints;
        this.transactions = transactions;
    }

    private static Map<String, String> servicesByTopic() {
        Map<String, String> services = new LinkedHashMap<>();
        services.put(Topics.AUTH_EVENTS, "auth-service");
        services.put(Topics.BILLING_EVENTS, "billing-command");
        services.put(Topics.CATALOG_EVENTS, "catalog-query");
        services.put(Topics.KITCHEN_EVENTS, "kitchen-command");
        services.put(Topics.ORDER_EVENTS, "order-command");
        return services;
    }

    /** The checkpoints topic exists (kept forever) before the feed subscribes to it, even before any service runs. */
    @Bean
    static KafkaAdmin.NewTopics auditCheckpointsTopicExists(BrigadeKafkaProperties brigade) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(brigade.topic(Topics.AUDIT_CHECKPOINTS))
                .partitions(brigade.getPartitions()).replicas(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
    }

    /** How many polls were stored since the start, for those who wait for the trail to catch up. */
    public long storedPolls() {
        return storedPolls;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "audit-trail-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> reader = newConsumer()) {
                consumer = reader;
                List<String> topics = new ArrayList<>(SERVICES_BY_TOPIC.keySet().stream().map(brigade::topic).toList());
                topics.add(brigade.topic(Topics.AUDIT_CHECKPOINTS));
                reader.subscribe(topics);
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = reader.poll(POLL);
                    if (!records.isEmpty()) {
                        store(records);
                        reader.commitSync();
                        storedPolls++;
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } catch (RuntimeException e) {
                log.warn("The audit trail feed stopped on {}; it goes on from the last committed offsets", e.toString());
                sleep();
            } finally {
                consumer = null;
            }
        }
    }

    private void store(ConsumerRecords<byte[], byte[]> records) {
        String checkpointTopic = brigade.topic(Topics.AUDIT_CHECKPOINTS);
        List<PublishedEvent> published = new ArrayList<>();
        List<Checkpoint> signed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                if (record.topic().equals(checkpointTopic)) {
                    Checkpoint checkpoint = Checkpoint.fromJson(CanonicalJson.parse(
                            new String(record.value(), StandardCharsets.UTF_8)));
                    if (checkpoint.service() != null && checkpoint.merkleRoot() != null
                            && checkpoint.signedAt() != null) {
                        signed.add(checkpoint);
                    }
                } else {
                    PublishedEvent event = PublishedEvent.read(record, service(record.topic()));
                    if (event != null) {
                        published.add(event);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("The audit trail skips {}-{}@{}, which it cannot read: {}", record.topic(),
                        record.partition(), record.offset(), e.toString());
            }
        }
        try {
            transactions.executeWithoutResult(status -> {
                events.insert(published);
                checkpoints.insert(signed);
            });
        } catch (DataAccessException e) {
            storeOneByOne(published, signed, e);
        }
    }

    /** One record the database refuses (text it cannot hold) must not hold the trail up: the others are kept. */
    private void storeOneByOne(List<PublishedEvent> published, List<Checkpoint> signed, DataAccessException cause) {
        log.warn("The audit trail stores a poll one record at a time after {}", cause.toString());
        for (PublishedEvent event : published) {
            try {
                transactions.executeWithoutResult(status -> events.insert(List.of(event)));
            } catch (DataAccessException e) {
                log.warn("The audit trail skips event {} of {}, which it cannot store: {}", event.eventId(),
                        event.service(), e.toString());
            }
        }
        for (Checkpoint checkpoint : signed) {
            try {
                transactions.executeWithoutResult(status -> checkpoints.insert(List.of(checkpoint)));
            } catch (DataAccessException e) {
                log.warn("The audit trail skips a checkpoint of {}, which it cannot store: {}", checkpoint.service(),
                        e.toString());
            }
        }
    }

    private String service(String topic) {
        String logical = topic.substring(brigade.getTopicPrefix().length());
        return SERVICES_BY_TOPIC.getOrDefault(logical, logical);
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        // the topic prefix keeps test runs sharing one broker in groups of their own
        config.put(ConsumerConfig.GROUP_ID_CONFIG, brigade.topic(GROUP));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "audit-trail");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
