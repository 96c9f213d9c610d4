package io.brigade.benchmarks;

import io.brigade.platform.test.TestInfrastructure;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A consumer of one topic from its end, as any client would read it, noting when the first record of each key whose
 * event type ends with {@code typeSuffix} arrived.
 */
final class TopicArrivals implements AutoCloseable {

    private final Map<String, CompletableFuture<Long>> arrived = new ConcurrentHashMap<>();
    private final AtomicBoolean consuming = new AtomicBoolean(true);
    private final Thread consumer;

    TopicArrivals(String topic, String typeSuffix) throws InterruptedException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        consumer = new Thread(() -> consume(topic, typeSuffix, ready), "arrivals-" + topic);
        consumer.start();
        ready.join();
    }

    /**
     * When the record of {@code key} arrived, in {@link System#nanoTime()}, waiting for it up to 3 minutes: on a
     * machine shared with other builds the publisher may wait for Kafka's acknowledgement and retry for a while.
     */
    long await(String key) throws Exception {
        try {
            return arrived.computeIfAbsent(key, k -> new CompletableFuture<>()).get(3, TimeUnit.MINUTES);
        } finally {
            arrived.remove(key);
        }
    }

    private void consume(String topic, String typeSuffix, CompletableFuture<Void> ready) {
        // Kafka's own long poll: the broker answers a fetch as soon as a record arrives, so a short fetch wait would
        // only make it answer hundreds of empty fetches a second, on the cores the measured services need
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        try (var kafka = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            kafka.assign(partitions);
            kafka.seekToEnd(partitions);
            partitions.forEach(kafka::position);
            ready.complete(null);
            while (consuming.get()) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(20))) {
                    long at = System.nanoTime();
                    Header type = record.headers().lastHeader("axon-message-type");
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith(typeSuffix)) {
                        arrived.computeIfAbsent(record.key(), key -> new CompletableFuture<>()).complete(at);
                    }
                }
            }
        } catch (RuntimeException e) {
            ready.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        consuming.set(false);
        consumer.join();
    }
}
