package io.brigade.platform.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.platform.ops.OperationProblems;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events this service's Kafka-fed groups could not handle (ADMIN only, on the service's own port). An event that
 * fails is parked with the later events of its aggregate, which wait behind it while every other aggregate goes on.
 * {@code GET /actuator/deadletters} shows what each group has parked: the event that failed, its payload, the error and
 * how often it was tried; {@code POST /actuator/deadletters/{group}} tries every parked sequence of the group again,
 * once, in order, and answers what is still parked; {@code POST /actuator/deadletters/{group}/{eventId}} tries only
 * the sequence that event heads; {@code DELETE /actuator/deadletters/{group}/{eventId}} drops that one event for good.
 */
@WebEndpoint(id = "deadletters")
public class DeadLettersEndpoint {

    /** At most this many sequences are listed per group; the counts are always complete. */
    private static final int LISTED = 100;

    /** One aggregate's parked events: the first (the one that failed) and how many wait behind it. */
    public record ParkedSequence(String aggregateId, String event, Long aggregateSequence, long events,
                                 String cause, Instant enqueuedAt, Instant lastTouched, String eventId,
                                 JsonNode payload, long attempts) {
    }

    public record GroupDeadLetters(List<String> topics, long sequences, long events, List<ParkedSequence> parked) {
    }

    public record Retried(int sequencesHandled, GroupDeadLetters stillParked) {
    }

    /** How often a parked event was tried: kept in the letter's diagnostics by {@link #countingAttempts()}. */
    static final String ATTEMPTS = "attempts";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BrigadeKafkaProperties properties;
    private final EventProcessingConfiguration processing;
    private final Serializer serializer;

    public DeadLettersEndpoint(BrigadeKafkaProperties properties, EventProcessingConfiguration processing,
                               Serializer serializer) {
        this.properties = properties;
        this.processing = processing;
        this.serializer = serializer;
    }

    /** Parks every failed event, counting the attempts in its diagnostics: 1 when it first failed, +1 per retry. */
    public static EnqueuePolicy<EventMessage<?>> countingAttempts() {
        return (letter, cause) -> Decisions.requeue(cause,
                failed -> failed.diagnostics().and(ATTEMPTS, attempts(failed) + 1));
    }

    private static long attempts(DeadLetter<?> letter) {
        Object attempts = letter.diagnostics().get(ATTEMPTS);
        return attempts instanceof Number number ? number.longValue() : 0;
    }

    @ReadOperation
    public Map<String, GroupDeadLetters> groups() {
        Map<String, GroupDeadLetters> groups = new LinkedHashMap<>();
        properties.getConsumers().keySet().forEach(group -> parked(group).ifPresent(letters -> groups.put(group, letters)));
        return groups;
    }

    @ReadOperation
    public WebEndpointResponse<GroupDeadLetters> group(@Selector String group) {
        return parked(group).map(WebEndpointResponse::new)
                .orElseGet(() -> OperationProblems.notFound("No dead-letter queue for a group called " + group));
    }

    @WriteOperation
    public WebEndpointResponse<Retried> retry(@Selector String group) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(group);
        if (queue.isEmpty()) {
            return OperationProblems.notFound("No dead-letter queue for a group called " + group);
        }
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElseThrow();
        // a sequence that fails again goes to the back of the queue, so each parked sequence is tried once
        long sequences = queue.get().amountOfSequences();
        int handled = 0;
        for (long attempt = 0; attempt < sequences; attempt++) {
            if (processor.processAny()) {
                handled++;
            }
        }
        return new WebEndpointResponse<>(new Retried(handled, parked(group).orElseThrow()));
    }

    @WriteOperation
    public WebEndpointResponse<Retried> retryOne(@Selector String group, @Selector String eventId) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(group);
        if (queue.isEmpty()) {
            return OperationProblems.notFound("No dead-letter queue for a group called " + group);
        }
        if (find(queue.get(), eventId, true).isEmpty()) {
            return OperationProblems.notFound("No parked sequence of " + group + " starts with event " + eventId
                    + "; the events behind it wait for it and are retried with it");
        }
        boolean handled = processing.sequencedDeadLetterProcessor(group).orElseThrow()
                .process(letter -> letter.message().getIdentifier().equals(eventId));
        return new WebEndpointResponse<>(new Retried(handled ? 1 : 0, parked(group).orElseThrow()));
    }

    @DeleteOperation
    public WebEndpointResponse<GroupDeadLetters> evict(@Selector String group, @Selector String eventId) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(group);
        if (queue.isEmpty()) {
            return OperationProblems.notFound("No dead-letter queue for a group called " + group);
        }
        Optional<DeadLetter<? extends EventMessage<?>>> letter = find(queue.get(), eventId, false);
        if (letter.isEmpty()) {
            return OperationProblems.notFound("No event " + eventId + " is parked in " + group);
        }
        queue.get().evict(letter.get());
        return new WebEndpointResponse<>(parked(group).orElseThrow());
    }

    private static Optional<DeadLetter<? extends EventMessage<?>>> find(
            SequencedDeadLetterQueue<EventMessage<?>> queue, String eventId, boolean firstOnly) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    return Optional.of(letter);
                }
                if (firstOnly) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** The queue of a Kafka-fed group whose handlers use it (a saga's processor has none). */
    private Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String group) {
        return properties.getConsumers().containsKey(group) && processing.sequencedDeadLetterProcessor(group).isPresent()
                ? processing.deadLetterQueue(group) : Optional.empty();
    }

    private Optional<GroupDeadLetters> parked(String group) {
        return queue(group).map(queue -> {
            List<ParkedSequence> parked = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                if (parked.size() == LISTED) {
                    break;
                }
                Iterator<DeadLetter<? extends EventMessage<?>>> letters = sequence.iterator();
                if (letters.hasNext()) {
                    DeadLetter<? extends EventMessage<?>> first = letters.next();
                    long events = 1;
                    for (; letters.hasNext(); letters.next()) {
                        events++;
                    }
                    parked.add(sequence(first, events, payload(first.message())));
                }
            }
            return new GroupDeadLetters(properties.getConsumers().get(group).stream().map(properties::topic).toList(),
                    queue.amountOfSequences(), queue.size(), parked);
        });
    }

    /** The event as it travels on Kafka, or nothing where it cannot be shown (the listing never fails on it). */
    private JsonNode payload(EventMessage<?> message) {
        try {
            return JSON.readTree(serializer.serialize(message.getPayload(), String.class).getData());
        } catch (Exception e) {
            return null;
        }
    }

    private static ParkedSequence sequence(DeadLetter<? extends EventMessage<?>> first, long events,
                                           JsonNode payload) {
        EventMessage<?> message = first.message();
        boolean ofAnAggregate = message instanceof DomainEventMessage<?>;
        return new ParkedSequence(
                ofAnAggregate ? ((DomainEventMessage<?>) message).getAggregateIdentifier() : message.getIdentifier(),
                message.getPayloadType().getSimpleName(),
                ofAnAggregate ? ((DomainEventMessage<?>) message).getSequenceNumber() : null,
                events,
                first.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(null),
                first.enqueuedAt(), first.lastTouched(), message.getIdentifier(), payload, attempts(first));
    }
}
