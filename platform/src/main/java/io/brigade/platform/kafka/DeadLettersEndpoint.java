package io.brigade.platform.kafka;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
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
 * {@code GET /actuator/deadletters} shows what each group has parked and why; {@code POST /actuator/deadletters/{group}}
 * tries every parked sequence of the group again, once, in order, and answers what is still parked.
 */
@WebEndpoint(id = "deadletters")
public class DeadLettersEndpoint {

    /** At most this many sequences are listed per group; the counts are always complete. */
    private static final int LISTED = 100;

    /** One aggregate's parked events: the first (the one that failed) and how many wait behind it. */
    public record ParkedSequence(String aggregateId, String event, Long aggregateSequence, long events,
                                 String cause, Instant enqueuedAt, Instant lastTouched) {
    }

    public record GroupDeadLetters(List<String> topics, long sequences, long events, List<ParkedSequence> parked) {
    }

    public record Retried(int sequencesHandled, GroupDeadLetters stillParked) {
    }

    private final BrigadeKafkaProperties properties;
    private final EventProcessingConfiguration processing;

    public DeadLettersEndpoint(BrigadeKafkaProperties properties, EventProcessingConfiguration processing) {
        this.properties = properties;
        this.processing = processing;
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
                .orElseGet(() -> new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND));
    }

    @WriteOperation
    public WebEndpointResponse<Retried> retry(@Selector String group) {
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = queue(group);
        if (queue.isEmpty()) {
            return new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
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
                    parked.add(sequence(first, events));
                }
            }
            return new GroupDeadLetters(properties.getConsumers().get(group).stream().map(properties::topic).toList(),
                    queue.amountOfSequences(), queue.size(), parked);
        });
    }

    private static ParkedSequence sequence(DeadLetter<? extends EventMessage<?>> first, long events) {
        EventMessage<?> message = first.message();
        boolean ofAnAggregate = message instanceof DomainEventMessage<?>;
        return new ParkedSequence(
                ofAnAggregate ? ((DomainEventMessage<?>) message).getAggregateIdentifier() : message.getIdentifier(),
                message.getPayloadType().getSimpleName(),
                ofAnAggregate ? ((DomainEventMessage<?>) message).getSequenceNumber() : null,
                events,
                first.cause().map(cause -> cause.type() + ": " + cause.message()).orElse(null),
                first.enqueuedAt(), first.lastTouched());
    }
}
