package io.brigade.platform.ops;

import io.brigade.platform.kafka.KafkaReplays;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import java.util.Collection;
import java.util.Optional;

/**
 * Every event processor of the service under the operator's hand (ADMIN only): {@code GET /actuator/processors} lists
 * each one with its state, segments, position, lag and parked events; {@code POST /actuator/processors/{name}/pause}
 * stops a streaming processor where it stands (its token stays), {@code .../resume} starts it again from there, and
 * {@code .../replay} rebuilds a projection from the first event of its source. Only the groups a service declares
 * replayable can be replayed, and never one whose handlers refuse a reset (a saga, a group that sends commands).
 */
@WebEndpoint(id = "processors")
public class ProcessorsEndpoint {

    public enum Action { PAUSE, RESUME, REPLAY }

    private final ProcessorStatuses statuses;
    private final EventProcessingConfiguration processing;
    private final KafkaReplays kafkaReplays;

    public ProcessorsEndpoint(ProcessorStatuses statuses, EventProcessingConfiguration processing,
                              KafkaReplays kafkaReplays) {
        this.statuses = statuses;
        this.processing = processing;
        this.kafkaReplays = kafkaReplays;
    }

    @ReadOperation
    public Collection<ProcessorStatuses.Status> processors() {
        return statuses.refreshed().values();
    }

    @ReadOperation
    public WebEndpointResponse<Object> processor(@Selector String name) {
        return statuses.refreshed().containsKey(name) ? new WebEndpointResponse<>(statuses.all().get(name))
                : OperationProblems.notFound("No event processor is called " + name);
    }

    @WriteOperation
    public WebEndpointResponse<Object> act(@Selector String name, @Selector String action) {
        Optional<Action> known = action(action);
        if (known.isEmpty()) {
            return OperationProblems.notFound("A processor can be paused, resumed or replayed, not " + action);
        }
        Optional<StreamingEventProcessor> found = processing.eventProcessor(name, StreamingEventProcessor.class);
        if (found.isEmpty()) {
            return statuses.refreshed().containsKey(name)
                    ? OperationProblems.conflict(name + " handles events as they are stored; it cannot be "
                    + "paused, resumed or replayed")
                    : OperationProblems.notFound("No event processor is called " + name);
        }
        StreamingEventProcessor processor = found.get();
        switch (known.get()) {
            case PAUSE -> {
                statuses.markPaused(name, true);
                processor.shutDown();
            }
            case RESUME -> {
                statuses.markPaused(name, false);
                processor.start();
            }
            case REPLAY -> {
                if (!statuses.isReplayable(name)) {
                    return OperationProblems.conflict(name + " is not a projection that may be rebuilt: its "
                            + "handlers act on events (commands, sagas) and must see each one once");
                }
                statuses.markPaused(name, false);
                if (statuses.isKafkaFed(name)) {
                    kafkaReplays.replayFromStart(name);
                } else {
                    processor.shutDown();
                    processor.resetTokens();
                    processor.start();
                }
            }
        }
        return new WebEndpointResponse<>(statuses.refreshed().get(name), known.get() == Action.REPLAY ? 202 : 200);
    }

    private static Optional<Action> action(String action) {
        for (Action candidate : Action.values()) {
            if (candidate.name().equalsIgnoreCase(action)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
