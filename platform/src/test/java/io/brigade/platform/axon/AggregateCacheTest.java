package io.brigade.platform.axon;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

class AggregateCacheTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final AggregateCache cache = new AggregateCache(2, () -> store);
    private final EventSourcingRepository<Tab> repository = EventSourcingRepository.builder(Tab.class)
            .eventStore(store).cache(cache).build();

    record Ordered(String tab, String dish) {
    }

    static class Tab {

        @AggregateIdentifier
        private String id;
        private final List<String> dishes = new ArrayList<>();

        void order(String dish) {
            apply(new Ordered(id, dish));
        }

        @EventSourcingHandler
        void on(Ordered event) {
            id = event.tab();
            dishes.add(event.dish());
        }
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @Test
    void anAggregateChangedHere_isUsedAsKept_withoutItsEventsReadAgain() {
        stored("tab-1", 0, "soup");
        Tab kept = order("tab-1", "steak");

        Tab tab = order("tab-1", "tart");

        assertThat(tab).isSameAs(kept);
        assertThat(tab.dishes).containsExactly("soup", "steak", "tart");
    }

    @Test
    void anAggregateChangedElsewhereSinceItWasKept_isLoadedFromItsEvents() {
        stored("tab-1", 0, "soup");
        Tab kept = order("tab-1", "steak");
        stored("tab-1", 2, "wine");

        Tab tab = order("tab-1", "tart");

        assertThat(tab).isNotSameAs(kept);
        assertThat(tab.dishes).containsExactly("soup", "steak", "wine", "tart");
    }

    @Test
    void aFailedCommandDropsTheAggregate_andTheLeastRecentlyUsedGoesFirstWhenFull() {
        stored("tab-1", 0, "soup");
        stored("tab-2", 0, "soup");
        stored("tab-3", 0, "soup");
        order("tab-1", "steak");
        order("tab-2", "steak");
        order("tab-1", "tart");
        order("tab-3", "steak");

        assertThat(cache.containsKey("tab-1")).isTrue();
        assertThat(cache.containsKey("tab-2")).as("least recently used of three, two kept").isFalse();
        assertThat(cache.containsKey("tab-3")).isTrue();

        DefaultUnitOfWork<?> failing = DefaultUnitOfWork.startAndGet(null);
        assertThatThrownBy(() -> failing.execute(() -> {
            repository.load("tab-1").execute(tab -> tab.order("cake"));
            throw new IllegalStateException("the kitchen refused");
        })).hasMessage("the kitchen refused");
        assertThat(cache.containsKey("tab-1")).isFalse();
        assertThat(order("tab-1", "coffee").dishes).containsExactly("soup", "steak", "tart", "coffee");
    }

    private void stored(String tab, long sequence, String dish) {
        store.publish(new GenericDomainEventMessage<>("Tab", tab, sequence, new Ordered(tab, dish)));
    }

    private Tab order(String id, String dish) {
        List<Tab> changed = new ArrayList<>();
        DefaultUnitOfWork.startAndGet(null).execute(() -> {
            var tab = repository.load(id);
            tab.execute(t -> t.order(dish));
            changed.add(tab.invoke(t -> t));
        });
        return changed.get(0);
    }
}
