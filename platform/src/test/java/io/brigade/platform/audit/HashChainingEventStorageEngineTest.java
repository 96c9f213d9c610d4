package io.brigade.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.EventHash;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashChainingEventStorageEngineTest {

    record TabOpened(String tabId, int guests) {
    }

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(new ObjectMapper()).build();
    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();

    private HashChainingEventStorageEngine engine(boolean snapshots) {
        return new HashChainingEventStorageEngine(store, serializer, new ChainHeads(null), snapshots);
    }

    private static DomainEventMessage<TabOpened> opened(String tab) {
        return new GenericDomainEventMessage<>("Tab", tab, 0, new TabOpened(tab, 2),
                Map.of("userId", "u1", "username", "waiter", "role", "STAFF"));
    }

    @Test
    @DisplayName("an appended event stores the payload its hash covers, and its hash verifies")
    void givenAnEvent_whenAppended_thenItsStoredPayloadIsWhatTheHashCovers() {
        engine(false).appendEvents(List.of(opened("t1")));

        DomainEventMessage<?> stored = store.readEvents("t1").next();
        byte[] payload = stored.serializePayload(serializer, byte[].class).getData();
        String hash = EventHash.hash(new EventHash.Content(EventHash.GENESIS, stored.getIdentifier(), "Tab", "t1", 0,
                TabOpened.class.getName(), EventHash.timestamp(stored.getTimestamp()), CanonicalJson.parse(payload),
                "u1", "waiter", "STAFF"));
        assertThat(stored.getMetaData()).containsEntry(HashChainingEventStorageEngine.HASH, hash)
                .containsEntry(HashChainingEventStorageEngine.PREVIOUS_HASH, EventHash.GENESIS)
                .containsEntry("username", "waiter");
        assertThat(stored.getPayload()).isEqualTo(new TabOpened("t1", 2));
    }

    @Test
    @DisplayName("without snapshots, loading an aggregate does not ask the snapshot store, and taking one fails loudly")
    void givenSnapshotsOff_whenReadingOrTakingASnapshot_thenNoneIsReadAndTakingOneFails() {
        store.storeSnapshot(opened("t2"));

        assertThat(engine(false).readSnapshot("t2")).isEmpty();
        assertThat(engine(true).readSnapshot("t2")).isPresent();
        assertThatThrownBy(() -> engine(false).storeSnapshot(opened("t3")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("brigade.axon.snapshots");
    }
}
