package io.brigade.platform.audit;

import io.brigade.audit.CanonicalJson;
import io.brigade.audit.Checkpoint;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The checkpoints topic, kept forever outside every service's database and keyed by service name: a service appends
 * its own checkpoints and reads them all back to verify its store.
 */
public class CheckpointLog implements AutoCloseable {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final Map<String, Object> consumerProperties;
    private final KafkaProducer<String, String> producer;

    public CheckpointLog(String topic, Map<String, Object> producerProperties, Map<String, Object> consumerProperties) {
        this.topic = topic;
        Map<String, Object> producerConfig = new HashMap<>(producerProperties);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        this.producer = new KafkaProducer<>(producerConfig);
        Map<String, Object> consumerConfig = new HashMap<>(consumerProperties);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerProperties = consumerConfig;
    }

    public String topic() {
        return topic;
    }

    public void append(Checkpoint checkpoint) {
        try {
            producer.send(new ProducerRecord<>(topic, checkpoint.service(), checkpoint.toJson().toString()))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a checkpoint", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish a checkpoint to " + topic, e);
        }
    }

    /** Every checkpoint the service published, oldest first. */
    public List<Checkpoint> read(String service) {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, READ_TIMEOUT);
            if (partitions == null || partitions.isEmpty()) {
                return checkpoints;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        Checkpoint checkpoint = Checkpoint.fromJson(CanonicalJson.parse(record.value()));
                        if (service.equals(checkpoint.service())) {
                            checkpoints.add(checkpoint);
                        }
                    } catch (IllegalArgumentException e) {
                        // an unreadable record is no checkpoint
                    }
                }
            }
        }
        return checkpoints;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
