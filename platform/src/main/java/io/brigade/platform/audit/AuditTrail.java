package io.brigade.platform.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.AuditedEvent;
import io.brigade.audit.ChainCheck;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.ExportFormat;
import io.brigade.audit.StoreCheck;
import io.brigade.platform.problem.NotFoundException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A service's audit trail, read straight from its own event store: each aggregate's events and chain, the whole store
 * against every checkpoint published so far, exports, and an aggregate's events up to an instant (to show it as it
 * stood then).
 */
public class AuditTrail {

    private final String service;
    private final EventStoreRows rows;
    private final CheckpointLog checkpoints;
    private final CheckpointKeys keys;
    private final Checkpointer checkpointer;
    private final Serializer serializer;
    private final Clock clock;

    public AuditTrail(String service, EventStoreRows rows, CheckpointLog checkpoints, CheckpointKeys keys,
                      Checkpointer checkpointer, Serializer serializer, Clock clock) {
        this.service = service;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.checkpointer = checkpointer;
        this.serializer = serializer;
        this.clock = clock;
    }

    public String service() {
        return service;
    }

    /** API.md's events of one aggregate, oldest first. */
    public List<ObjectNode> events(String aggregateId) {
        return stored(aggregateId).stream().map(event -> ExportFormat.event(service, event)).toList();
    }

    public ChainCheck.Verdict verify(String aggregateId) {
        ChainCheck chain = ChainCheck.fromFirstEvent(aggregateId);
        stored(aggregateId).forEach(chain::add);
        return chain.verdict();
    }

    public StoreCheck.Verdict verifyStore() {
        StoreCheck check = new StoreCheck(checkpoints(), keys.trusted(), true);
        rows.forEach(0, check::event);
        return check.finish();
    }

    public List<Checkpoint> checkpoints() {
        return checkpoints.read(service);
    }

    public Checkpoint checkpointNow() {
        return checkpointer.checkpointNow();
    }

    public CheckpointKeys keys() {
        return keys;
    }

    public void export(AuditExport.Selection selection, OutputStream out) {
        AuditExport.write(out, service, selection, each -> rows.forEach(0, each), checkpoints(), clock.instant());
    }

    /** An event of an aggregate with its payload as the service's own type. */
    public record Recorded(AuditedEvent event, Instant timestamp, Object payload) {

        public String metaData(String key) {
            return event.metaData(key);
        }
    }

    /**
     * An aggregate's events stored at or before {@code at}, oldest first; empty when it did not exist yet.
     *
     * @throws NotFoundException when the store has no events of that aggregate at all
     */
    public List<Recorded> eventsUpTo(String aggregateId, Instant at) {
        return stored(aggregateId).stream()
                .map(event -> new Recorded(event, Instant.parse(EventHash.timestamp(event.timestamp())), null))
                .filter(recorded -> !recorded.timestamp().isAfter(at))
                .map(recorded -> new Recorded(recorded.event(), recorded.timestamp(), payload(recorded.event())))
                .toList();
    }

    private Object payload(AuditedEvent event) {
        return serializer.deserialize(new SimpleSerializedObject<>(event.payload().getBytes(StandardCharsets.UTF_8),
                byte[].class, event.type(), null));
    }

    private List<AuditedEvent> stored(String aggregateId) {
        List<AuditedEvent> events = aggregateId == null || aggregateId.length() > 255 ? List.of()
                : rows.aggregate(aggregateId);
        if (events.isEmpty()) {
            throw new NotFoundException("No events are stored for " + aggregateId);
        }
        return events;
    }
}
