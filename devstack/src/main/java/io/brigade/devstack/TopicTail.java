package io.brigade.devstack;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prints a topic's records from the start as they are on the wire: partition, offset, key, the Axon headers (event
 * type and metadata) and the JSON payload. {@code java -jar brigade-devstack.jar tail brigade.order.events}
 */
final class TopicTail {

    private TopicTail() {
    }

    static void print(String bootstrapServers, String topic, boolean follow) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (follow || partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder line = new StringBuilder();
                    line.append("partition=").append(record.partition()).append(" offset=").append(record.offset())
                            .append(" key=").append(record.key()).append('\n');
                    for (Header header : record.headers()) {
                        if (header.key().equals("axon-message-type") || header.key().startsWith("axon-metadata-")) {
                            line.append("  ").append(header.key()).append(": ")
                                    .append(new String(header.value(), StandardCharsets.UTF_8)).append('\n');
                        }
                    }
                    line.append("  ").append(new String(record.value(), StandardCharsets.UTF_8));
                    System.out.println(line);
                }
            }
        }
    }
}
