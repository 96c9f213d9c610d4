package io.brigade.platform.ops;

import io.brigade.platform.kafka.BrigadeKafkaProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.kafka.eventhandling.consumer.ConsumerFactory;
import org.axonframework.extensions.kafka.eventhandling.consumer.streamable.KafkaTrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where every event processor of the service stands: its state, each segment's position, how many events it still has
 * to handle (from the head of the event store, or the end offsets of its Kafka topics) and how many it has parked.
 * Metrics, the operations endpoint and readiness read the same figures, computed at most once a second.
 */
public class ProcessorStatuses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProcessorStatuses.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(3);

    public enum State { RUNNING, REPLAYING, PAUSED, ERROR, STOPPED, SUBSCRIBING }

    public enum Source { KAFKA, EVENT_STORE, EVENT_BUS }

    public record Segment(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    /** {@code lag} is null where it cannot be told (a subscribing processor has none: it handles events as stored). */
    public record Status(String name, Source source, List<String> topics, State state, boolean replayable,
                         List<Segment> segments, Long lag, Long deadLetters) {
    }

    private final EventProcessingConfiguration processing;
    private final BrigadeKafkaProperties kafka;
    private final ConsumerFactory<String, byte[]> consumers;
    private final Optional<EventStore> eventStore;
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private Consumer<String, byte[]> offsets;
    private Map<String, Status> latest = Map.of();
    private long computedAt;

    public ProcessorStatuses(EventProcessingConfiguration processing, BrigadeKafkaProperties kafka,
                             ConsumerFactory<String, byte[]> consumers, Optional<EventStore> eventStore) {
        this.processing = processing;
        this.kafka = kafka;
        this.consumers = consumers;
        this.eventStore = eventStore;
    }

    /** Every processor by name, from figures at most a second old. */
    public synchronized Map<String, Status> all() {
        long now = System.nanoTime();
        if (computedAt == 0 || now - computedAt > FRESH_FOR.toNanos()) {
            latest = compute();
            computedAt = now;
        }
        return latest;
    }

    public Optional<Status> of(String name) {
        return Optional.ofNullable(all().get(name));
    }

    /** Figures as they are now, after an operator changed something. */
    public synchronized Map<String, Status> refreshed() {
        computedAt = 0;
        return all();
    }

    void markPaused(String name, boolean isPaused) {
        if (isPaused) {
            paused.add(name);
        } else {
            paused.remove(name);
        }
    }

    public boolean isReplayable(String name) {
        return kafka.getReplayable().contains(name)
                && processing.eventProcessor(name, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::supportsReset).orElse(false);
    }

    public boolean isKafkaFed(String name) {
        return kafka.getConsumers().containsKey(name);
    }

    private Map<String, Status> compute() {
        Map<String, Status> statuses = new LinkedHashMap<>();
        Long head = null;
        for (Map.Entry<String, EventProcessor> entry : sorted(processing.eventProcessors())) {
            String name = entry.getKey();
            try {
                if (entry.getValue() instanceof StreamingEventProcessor streaming) {
                    if (!isKafkaFed(name) && head == null) {
                        head = eventStoreHead();
                    }
                    statuses.put(name, streaming(name, streaming, head));
                } else {
                    statuses.put(name, new Status(name, Source.EVENT_BUS, List.of(),
                            entry.getValue().isRunning() ? State.SUBSCRIBING : State.STOPPED, false, List.of(), null,
                            deadLetters(name)));
                }
            } catch (RuntimeException e) {
                log.warn("Could not tell where processor {} stands: {}", name, e.toString());
            }
        }
        return statuses;
    }

    private static List<Map.Entry<String, EventProcessor>> sorted(Map<String, EventProcessor> processors) {
        List<Map.Entry<String, EventProcessor>> entries = new ArrayList<>(processors.entrySet());
        entries.sort(Map.Entry.comparingByKey());
        return entries;
    }

    private Status streaming(String name, StreamingEventProcessor processor, Long head) {
        Map<Integer, EventTrackerStatus> tracked = processor.processingStatus();
        List<Segment> segments = tracked.values().stream()
                .sorted(Comparator.comparingInt(status -> status.getSegment().getSegmentId()))
                .map(status -> new Segment(status.getSegment().getSegmentId(),
                        position(status), status.isCaughtUp(), status.isReplaying(),
                        status.isErrorState() && status.getError() != null ? status.getError().toString() : null))
                .toList();
        boolean failing = tracked.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        State state = paused.contains(name) && !processor.isRunning() ? State.PAUSED
                : !processor.isRunning() ? State.STOPPED
                : failing ? State.ERROR
                : processor.isReplaying() ? State.REPLAYING : State.RUNNING;
        boolean fromKafka = isKafkaFed(name);
        List<String> topics = fromKafka ? kafka.getConsumers().get(name).stream().map(kafka::topic).toList() : List.of();
        Long lag = fromKafka ? kafkaLag(topics, tracked.values()) : storeLag(head, tracked.values());
        return new Status(name, fromKafka ? Source.KAFKA : Source.EVENT_STORE, topics, state, isReplayable(name),
                segments, lag, deadLetters(name));
    }

    /** A Kafka token tells no position of its own: it is the records handled, over every partition it has read. */
    private static Long position(EventTrackerStatus status) {
        OptionalLong position = status.getCurrentPosition();
        if (position.isPresent()) {
            return position.getAsLong();
        }
        TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
        if (token instanceof KafkaTrackingToken kafkaToken && !kafkaToken.getPositions().isEmpty()) {
            return kafkaToken.getPositions().values().stream().mapToLong(offset -> offset + 1).sum();
        }
        return null;
    }

    private Long deadLetters(String name) {
        if (processing.sequencedDeadLetterProcessor(name).isEmpty()) {
            return null;
        }
        return processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(null);
    }

    private Long eventStoreHead() {
        return eventStore.map(store -> {
            TrackingToken head = store.createHeadToken();
            return head == null ? -1L : head.position().orElse(-1L);
        }).orElse(null);
    }

    /** Events stored after the position of the segment furthest behind. */
    private static Long storeLag(Long head, Collection<EventTrackerStatus> segments) {
        if (head == null) {
            return null;
        }
        if (segments.isEmpty()) {
            return null;
        }
        long behind = segments.stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                .min().orElse(-1L);
        return Math.max(0, head - behind);
    }

    /** Records on the topics after the last one any segment has handled, partition by partition. */
    private synchronized Long kafkaLag(List<String> topics, Collection<EventTrackerStatus> segments) {
        Map<TopicPartition, Long> handled = new HashMap<>();
        for (EventTrackerStatus status : segments) {
            TrackingToken token = WrappedToken.unwrapLowerBound(status.getTrackingToken());
            if (token instanceof KafkaTrackingToken kafkaToken) {
                kafkaToken.getPositions().forEach((partition, offset) -> handled.merge(partition, offset, Math::max));
            }
        }
        try {
            Consumer<String, byte[]> consumer = offsetsConsumer();
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, KAFKA_TIMEOUT);
                if (infos != null) {
                    infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
                }
            }
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, KAFKA_TIMEOUT);
            long lag = 0;
            for (TopicPartition partition : partitions) {
                long end = ends.getOrDefault(partition, 0L);
                Long last = handled.get(partition);
                long next = last == null ? starts.getOrDefault(partition, 0L) : last + 1;
                lag += Math.max(0, end - next);
            }
            return lag;
        } catch (RuntimeException e) {
            log.warn("Could not read the end offsets of {}: {}", topics, e.toString());
            closeOffsetsConsumer();
            return null;
        }
    }

    private Consumer<String, byte[]> offsetsConsumer() {
        if (offsets == null) {
            offsets = consumers.createConsumer(null);
        }
        return offsets;
    }

    private void closeOffsetsConsumer() {
        if (offsets != null) {
            try {
                offsets.close(Duration.ofSeconds(1));
            } catch (RuntimeException ignored) {
                // a consumer that cannot close cleanly is dropped all the same
            }
            offsets = null;
        }
    }

    @Override
    public synchronized void close() {
        closeOffsetsConsumer();
    }
}
