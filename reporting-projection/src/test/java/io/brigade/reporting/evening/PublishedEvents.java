package io.brigade.reporting.evening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.test.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every event on some topics, read plainly from the wire up to their end as it stands, in each partition's order. */
final class PublishedEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Event(String topic, String type, String aggregateId, long sequence, Instant at, String messageId,
                 String username, String role, JsonNode payload) {

        boolean is(String simpleName) {
            return type.endsWith("." + simpleName);
        }
    }

    private PublishedEvents() {
    }

    static List<Event> read(List<String> topics) throws IOException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<Event> events = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        events.add(event(record));
                    }
                }
            }
        }
        return events;
    }

    private static Event event(ConsumerRecord<String, byte[]> record) throws IOException {
        return new Event(record.topic(), text(record, "axon-message-type"), text(record, "axon-message-aggregate-id"),
                number(record, "axon-message-aggregate-seq"),
                Instant.ofEpochMilli(number(record, "axon-message-timestamp")), text(record, "axon-message-id"),
                text(record, "axon-metadata-username"), text(record, "axon-metadata-role"),
                JSON.readTree(record.value()));
    }

    private static String text(ConsumerRecord<?, ?> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static long number(ConsumerRecord<?, ?> record, String key) {
        return ByteBuffer.wrap(record.headers().lastHeader(key).value()).getLong();
    }
}
