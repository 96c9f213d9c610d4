package io.brigade.platform.audit;

import io.brigade.audit.AuditKeys;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signs and publishes the service's checkpoints: every interval when events were appended, and on demand. The Merkle
 * tree over the chained events' hashes is kept in memory and extended with each new event, so a checkpoint costs the
 * new events only.
 * <p>
 * Each checkpoint is stored with the tree's frontier in the service's database, and the first checkpoint after a start
 * goes on from there. The stored frontier is trusted only when its checkpoint is signed by a trusted key and the
 * frontier gives that checkpoint's root; otherwise (and when nothing is stored yet) the whole store is folded again.
 * <p>
 * The global index comes from a sequence, so an event may commit after one with a higher index. A checkpoint therefore
 * stops before a gap younger than {@code gapWait}: such a gap may still fill, and a root that left it out would accuse
 * an honest store. An older gap is an index a rolled-back transaction used up.
 */
public class Checkpointer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);

    private final String service;
    private final EventStoreRows rows;
    private final CheckpointLog checkpoints;
    private final CheckpointFrontiers frontiers;
    private final CheckpointKeys keys;
    private final Duration interval;
    private final Duration gapWait;
    private final Clock clock;
    private MerkleTree tree = new MerkleTree();
    private boolean resumed;
    private long position;
    private long publishedEvents = -1;
    private Checkpoint latest;
    private ScheduledExecutorService schedule;

    public Checkpointer(String service, EventStoreRows rows, CheckpointLog checkpoints, CheckpointFrontiers frontiers,
                        CheckpointKeys keys, Duration interval, Duration gapWait, Clock clock) {
        this.service = service;
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.frontiers = frontiers;
        this.keys = keys;
        this.interval = interval;
        this.gapWait = gapWait;
        this.clock = clock;
    }

    /** Publishes a checkpoint of everything committed so far, also when nothing changed since the last one. */
    public synchronized Checkpoint checkpointNow() {
        catchUp();
        return publish();
    }

    /** Publishes a checkpoint if events were appended since the last one. */
    public synchronized Optional<Checkpoint> checkpointIfChanged() {
        catchUp();
        return tree.size() == publishedEvents ? Optional.empty() : Optional.of(publish());
    }

    public synchronized Optional<Checkpoint> latest() {
        return Optional.ofNullable(latest);
    }

    private void catchUp() {
        if (!resumed) {
            resumeFromStoredFrontier();
            resumed = true;
        }
        Instant settled = clock.instant().minus(gapWait);
        boolean[] stopped = {false};
        rows.forEachLeaf(position, leaf -> {
            if (stopped[0]) {
                return;
            }
            if (leaf.globalIndex() != position + 1 && youngerThan(leaf.timestamp(), settled)) {
                stopped[0] = true;
                return;
            }
            if (leaf.hash() != null) {
                tree.add(leaf.hash());
            }
            position = leaf.globalIndex();
        });
    }

    private void resumeFromStoredFrontier() {
        Optional<CheckpointFrontiers.Stored> stored = frontiers.newest(service);
        if (stored.isEmpty()) {
            log.info("No stored Merkle frontier: the first audit checkpoint folds the whole event store");
            return;
        }
        Checkpoint checkpoint = stored.get().checkpoint();
        PublicKey key = checkpoint.keyId() == null ? null : keys.trusted().get(checkpoint.keyId());
        if (key == null || !AuditKeys.verify(key, checkpoint.signedContent(), checkpoint.signature())) {
            log.warn("The stored Merkle frontier's checkpoint (up to global index {}) is not signed by a trusted key "
                    + "({}); folding the whole event store instead", checkpoint.upToGlobalIndex(), checkpoint.keyId());
            return;
        }
        MerkleTree restored;
        try {
            restored = MerkleTree.restore(checkpoint.events(), stored.get().frontier());
        } catch (IllegalArgumentException e) {
            log.warn("The stored Merkle frontier up to global index {} is malformed ({}); folding the whole event "
                    + "store instead", checkpoint.upToGlobalIndex(), e.getMessage());
            return;
        }
        if (!restored.root().equals(checkpoint.merkleRoot())) {
            log.warn("The stored Merkle frontier up to global index {} does not give its signed root {}; folding the "
                    + "whole event store instead", checkpoint.upToGlobalIndex(), checkpoint.merkleRoot());
            return;
        }
        tree = restored;
        position = checkpoint.upToGlobalIndex();
        log.info("Resumed the audit Merkle tree from its stored frontier: {} events up to global index {}",
                restored.size(), position);
    }

    private static boolean youngerThan(String timestamp, Instant settled) {
        try {
            return Instant.parse(EventHash.timestamp(timestamp)).isAfter(settled);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Checkpoint publish() {
        Checkpoint checkpoint = new Checkpoint(service, position, tree.size(), tree.root(),
                EventHash.timestamp(clock.instant()), null, null).signedWith(keys.signingKey());
        checkpoints.append(checkpoint);
        try {
            frontiers.save(checkpoint, tree.frontier());
        } catch (RuntimeException e) {
            log.warn("Could not store the Merkle frontier of checkpoint up to global index {}; the next start resumes "
                    + "from an older one or folds the whole store", position, e);
        }
        publishedEvents = tree.size();
        latest = checkpoint;
        return checkpoint;
    }

    @Override
    public synchronized void start() {
        schedule = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> {
            try {
                checkpointIfChanged();
            } catch (RuntimeException e) {
                log.warn("Could not publish an audit checkpoint; trying again in {}", interval, e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = schedule;
            schedule = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return schedule != null;
    }
}
