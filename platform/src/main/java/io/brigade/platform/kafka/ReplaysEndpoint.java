package io.brigade.platform.kafka;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's handle on the views this service builds from Kafka (ADMIN only, on the service's own port):
 * {@code GET /actuator/replays} shows each group an operator may rebuild, and {@code POST /actuator/replays/{group}}
 * empties that group's views and rebuilds them from the first record of its topics, pushing none of that history to
 * live screens. The answer comes once the views are emptied; the group then catches up on its own.
 */
@WebEndpoint(id = "replays")
public class ReplaysEndpoint {

    /** Where a group stands: {@code caughtUp} once every segment has read up to the end of its topics. */
    public record GroupStatus(List<String> topics, boolean running, boolean replaying, boolean caughtUp) {
    }

    private final KafkaReplays replays;
    private final BrigadeKafkaProperties properties;
    private final EventProcessingConfiguration processing;

    public ReplaysEndpoint(KafkaReplays replays, BrigadeKafkaProperties properties,
                           EventProcessingConfiguration processing) {
        this.replays = replays;
        this.properties = properties;
        this.processing = processing;
    }

    @ReadOperation
    public Map<String, GroupStatus> groups() {
        Map<String, GroupStatus> groups = new LinkedHashMap<>();
        properties.getReplayable().forEach(group -> status(group).ifPresent(status -> groups.put(group, status)));
        return groups;
    }

    @ReadOperation
    public WebEndpointResponse<GroupStatus> group(@Selector String group) {
        return status(group).map(WebEndpointResponse::new)
                .orElseGet(() -> io.brigade.platform.ops.OperationProblems.notFound("No view group an operator may rebuild is called " + group));
    }

    @WriteOperation
    public WebEndpointResponse<GroupStatus> replay(@Selector String group) {
        if (status(group).isEmpty()) {
            return io.brigade.platform.ops.OperationProblems.notFound("No view group an operator may rebuild is called " + group);
        }
        replays.replayFromStart(group);
        return new WebEndpointResponse<>(status(group).orElseThrow(), 202);
    }

    private Optional<GroupStatus> status(String group) {
        if (!properties.getReplayable().contains(group) || !properties.getConsumers().containsKey(group)) {
            return Optional.empty();
        }
        return processing.eventProcessor(group, StreamingEventProcessor.class).map(processor -> new GroupStatus(
                properties.getConsumers().get(group).stream().map(properties::topic).toList(),
                processor.isRunning(), processor.isReplaying(),
                !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(EventTrackerStatus::isCaughtUp)));
    }
}
