package io.brigade.platform.axon;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The aggregates a service used last, kept in memory, so that a command on an open order, ticket or bill need not
 * read and apply all its events again. Before a kept aggregate is used, its event store is asked for the aggregate's
 * last sequence number: when another instance of the service has appended to it since, the kept one is dropped and
 * the aggregate is loaded from its events, so a command never decides on an aggregate older than its store. Axon drops
 * an aggregate whose command failed and keeps the new one once its events are appended. The least recently used
 * aggregate goes first once {@code capacity} are kept.
 */
public class AggregateCache implements Cache {

    private final Map<Object, Object> entries;
    private final Supplier<EventStore> store;

    public AggregateCache(int capacity, Supplier<EventStore> store) {
        this.store = store;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry instanceof AggregateCacheEntry<?> kept && !current(key.toString(), kept)) {
            remove(key);
            return null;
        }
        return (V) entry;
    }

    /** The kept aggregate has every event its store holds. */
    private boolean current(String aggregateId, AggregateCacheEntry<?> kept) {
        // an entry of a cache in memory holds the aggregate itself, which recreating returns as it is
        Long version = kept.recreateAggregate(null, null, null).version();
        return Objects.equals(store.get().lastSequenceNumberFor(aggregateId).orElse(null), version);
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("The aggregate cache tells no listeners");
    }
}
