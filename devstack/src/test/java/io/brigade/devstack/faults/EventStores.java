package io.brigade.devstack.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the services stored and published, read straight from their databases and from Kafka. */
final class EventStores {

    /** One event as its service's event store holds it. */
    record StoredEvent(String eventId, String aggregateId, long sequence, String type, JsonNode payload) {

        String text(String field) {
            return payload.path(field).asText();
        }
    }

    private EventStores() {
    }

    static List<StoredEvent> read(String jdbcUrl) {
        List<StoredEvent> events = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             ResultSet rows = connection.createStatement().executeQuery("select event_identifier,"
                     + " aggregate_identifier, sequence_number, payload_type, payload from domain_event_entry"
                     + " order by global_index")) {
            while (rows.next()) {
                String type = rows.getString(4);
                events.add(new StoredEvent(rows.getString(1), rows.getString(2), rows.getLong(3),
                        type.substring(type.lastIndexOf('.') + 1),
                        FloorClient.JSON.readTree(new String(rows.getBytes(5), StandardCharsets.UTF_8))));
            }
            return events;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not read the events of " + jdbcUrl, e);
        }
    }

    /** How many records each event id has on the topic, read from the first record to the end. */
    static Map<String, Integer> publishedIds(String bootstrap, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "faults-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> ids = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("axon-message-id");
                    if (id != null) {
                        ids.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
                    }
                }
            }
        }
        return ids;
    }
}
