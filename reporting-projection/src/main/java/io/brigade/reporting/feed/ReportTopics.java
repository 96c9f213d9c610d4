package io.brigade.reporting.feed;

import io.brigade.contracts.Topics;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The topics the reports are made of, and consumers that read them by partition, outside any consumer group. */
@Configuration
public class ReportTopics {

    static final List<String> READ = List.of(Topics.ORDER_EVENTS, Topics.KITCHEN_EVENTS, Topics.BILLING_EVENTS,
            Topics.CATALOG_EVENTS, Topics.AUTH_EVENTS);

    private final BrigadeKafkaProperties brigade;
    private final KafkaProperties kafka;

    public ReportTopics(BrigadeKafkaProperties brigade, KafkaProperties kafka) {
        this.brigade = brigade;
        this.kafka = kafka;
    }

    public List<String> names() {
        return READ.stream().map(brigade::topic).toList();
    }

    /** Every topic exists before the feed starts, kept forever, so the reports can always be rebuilt. */
    @Bean
    KafkaAdmin.NewTopics reportTopicsExist() {
        return new KafkaAdmin.NewTopics(names().stream()
                .map(name -> TopicBuilder.name(name).partitions(brigade.getPartitions()).replicas(1)
                        .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build())
                .toArray(NewTopic[]::new));
    }

    /**
     * A consumer that reads by assignment; {@code fetchBytes} sizes its fetches (large ones for a replay), and a replay
     * may leave out checking each record batch's CRC, which is a good part of reading the whole history.
     */
    public KafkaConsumer<byte[], byte[]> consumer(String clientId, int fetchBytes, int maxRecords, boolean checkCrcs) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties(null));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxRecords);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, fetchBytes);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, fetchBytes);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        config.put(ConsumerConfig.CHECK_CRCS_CONFIG, checkCrcs);
        // keys (aggregate ids) are never read: the aggregate id header says the same
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Every partition of every topic of the reports. */
    public List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : names()) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        return partitions;
    }
}
