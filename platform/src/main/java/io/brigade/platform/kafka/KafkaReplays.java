package io.brigade.platform.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays a processing group fed from Kafka from the first record of its topics: the processor stops, its tokens are
 * reset (which runs the group's reset handlers, so its views are emptied) and it starts again, rebuilding them. Events
 * recorded before the reset are handled as a replay (side effects such as live pushes skip them), later ones as new.
 */
public class KafkaReplays {

    /** A partition's position before its first record: the consumer starts reading it at offset 0. */
    private static final long BEFORE_FIRST_RECORD = -1L;

    private final EventProcessingConfiguration processing;
    private final BrigadeKafkaProperties properties;
    private final ConsumerFactory<String, byte[]> consumers;

    public KafkaReplays(EventProcessingConfiguration processing, BrigadeKafkaProperties properties,
                        ConsumerFactory<String, byte[]> consumers) {
        this.processing = processing;
        this.properties = properties;
        this.consumers = consumers;
    }

    /** Starts the replay of {@code group} and answers its processor, which catches up on its own. */
    public StreamingEventProcessor replayFromStart(String group) {
        List<String> topics = properties.getConsumers().get(group);
        if (topics == null) {
            throw new IllegalArgumentException("No processing group reads Kafka under the name " + group);
        }
        StreamingEventProcessor processor = processing.eventProcessor(group, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor for " + group));
        TrackingToken start = startOf(topics.stream().map(properties::topic).toList());
        processor.shutDown();
        processor.resetTokens(start);
        processor.start();
        return processor;
    }

    /**
     * Every partition of the topics, before its first record. Axon's own tail token names no partition, and with it
     * Axon takes the first events of a replay for new ones until every partition has been read once (it compares
     * tokens partition by partition), so they would be pushed to live screens as if they had just happened.
     */
    private TrackingToken startOf(List<String> topics) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        try (Consumer<String, byte[]> consumer = consumers.createConsumer(null)) {
            topics.forEach(topic -> consumer.partitionsFor(topic).forEach(partition ->
                    positions.put(new TopicPartition(topic, partition.partition()), BEFORE_FIRST_RECORD)));
        }
        return KafkaTrackingToken.newInstance(positions);
    }
}
