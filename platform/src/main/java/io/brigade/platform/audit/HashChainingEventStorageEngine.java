package io.brigade.platform.audit;

import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import io.brigade.platform.metadata.MetaDataKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Appends every aggregate's events with {@code previousHash} and {@code hash} in their metadata, chaining each event
 * to the one before it in its aggregate (docs/audit-hashing.md). The hash covers the payload exactly as it is stored,
 * and the timestamp at the millisecond precision the store keeps, so it holds after any round trip. Two nodes cannot
 * fork a chain: the store's unique (aggregate, sequence) key lets only one of two concurrent appends commit.
 */
public class HashChainingEventStorageEngine implements EventStorageEngine {

    public static final String HASH = "hash";
    public static final String PREVIOUS_HASH = "previousHash";

    private final EventStorageEngine delegate;
    private final Serializer serializer;
    private final ChainHeads heads;
    private final boolean snapshots;

    /**
     * With {@code snapshots} off (no Brigade aggregate takes snapshots), loading an aggregate reads its events only:
     * Axon would otherwise ask the snapshot table first on every command, and find nothing.
     */
    HashChainingEventStorageEngine(EventStorageEngine delegate, Serializer serializer, ChainHeads heads,
                                   boolean snapshots) {
        this.delegate = delegate;
        this.serializer = serializer;
        this.heads = heads;
        this.snapshots = snapshots;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        Map<String, ChainHeads.Head> batch = new HashMap<>();
        List<EventMessage<?>> chained = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                chained.add(chain(domain, batch));
            } else {
                chained.add(event);
            }
        }
        delegate.appendEvents(chained);
        if (!batch.isEmpty() && CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> heads.committed(batch));
        }
    }

    private DomainEventMessage<?> chain(DomainEventMessage<?> event, Map<String, ChainHeads.Head> batch) {
        String aggregateId = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        ChainHeads.Head before = batch.get(aggregateId);
        String previous = before != null && before.sequence() == sequence - 1
                ? before.hash() : heads.previousHash(aggregateId, sequence);
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        MetaData metaData = event.getMetaData();
        String hash = EventHash.hash(new EventHash.Content(previous, event.getIdentifier(), event.getType(),
                aggregateId, sequence, payload.getType().getName(), EventHash.timestamp(event.getTimestamp()),
                CanonicalJson.parse(payload.getData()), text(metaData, MetaDataKeys.USER_ID),
                text(metaData, MetaDataKeys.USERNAME), text(metaData, MetaDataKeys.ROLE)));
        batch.put(aggregateId, new ChainHeads.Head(sequence, hash));
        return new Chained<>(event, metaData.mergedWith(Map.of(PREVIOUS_HASH, previous, HASH, hash)), serializer,
                payload);
    }

    /**
     * The event with its hashes, storing the very payload bytes the hash covers: Axon would otherwise serialize the
     * payload a second time to store it.
     */
    private static final class Chained<T> extends GenericDomainEventMessage<T> {

        private final transient Serializer serializer;
        private final transient SerializedObject<byte[]> payload;

        Chained(DomainEventMessage<T> event, MetaData metaData, Serializer serializer,
                SerializedObject<byte[]> payload) {
            super(event.getType(), event.getAggregateIdentifier(), event.getSequenceNumber(), event.getPayload(),
                    metaData, event.getIdentifier(), event.getTimestamp());
            this.serializer = serializer;
            this.payload = payload;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> SerializedObject<S> serializePayload(Serializer serializer, Class<S> expectedRepresentation) {
            return serializer == this.serializer && expectedRepresentation == byte[].class
                    ? (SerializedObject<S>) payload : super.serializePayload(serializer, expectedRepresentation);
        }
    }

    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        if (!snapshots) {
            throw new IllegalStateException("A snapshot of " + snapshot.getType() + " was taken, but this service "
                    + "does not read snapshots; set brigade.axon.snapshots=true");
        }
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier) {
        return delegate.readEvents(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return snapshots ? delegate.readSnapshot(aggregateIdentifier) : Optional.empty();
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
