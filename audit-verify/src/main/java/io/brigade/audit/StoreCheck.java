package io.brigade.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies a whole event store (or an export of one) in a single pass in global index order: every aggregate's chain,
 * and every signed checkpoint against the Merkle root of the chained events' hashes up to its global index. A chain
 * alone cannot show that the newest events of a stream, a whole stream, or a recomputed chain went missing or were
 * forged; a checkpoint signed before the change can.
 */
public final class StoreCheck {

    private static final int MAX_PROBLEMS = 100;

    private final List<Checkpoint> checkpoints;
    private final Map<String, PublicKey> trustedKeys;
    private final boolean chainsStartAtFirstEvent;
    private final Map<String, ChainCheck> chains = new LinkedHashMap<>();
    private final MerkleTree tree = new MerkleTree();
    private final List<Problem> problems = new ArrayList<>();
    private int nextCheckpoint;
    private long events;
    private long lastGlobalIndex;
    private int moreProblems;

    public record Problem(String kind, String aggregateId, Long sequence, Long upToGlobalIndex, String detail) {
    }

    /** API.md's answer to {@code GET /audit/…/verify}. */
    public record Verdict(boolean valid, int checkpoints, long events, List<Problem> problems) {
    }

    /**
     * @param checkpoints             the service's checkpoints, in any order
     * @param trustedKeys             the public keys a checkpoint may be signed with, by key id
     * @param chainsStartAtFirstEvent false when only part of each stream is at hand (an export of a time range)
     */
    public StoreCheck(List<Checkpoint> checkpoints, Map<String, PublicKey> trustedKeys,
                      boolean chainsStartAtFirstEvent) {
        this.checkpoints = checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::upToGlobalIndex)).toList();
        this.trustedKeys = trustedKeys;
        this.chainsStartAtFirstEvent = chainsStartAtFirstEvent;
    }

    /** An event with its content: its chain is checked and its hash joins the Merkle tree. */
    public void event(AuditedEvent event) {
        advanceTo(event.globalIndex());
        if (event.aggregateType() == null) {
            return;
        }
        events++;
        chains.computeIfAbsent(event.aggregateId(), id -> chainsStartAtFirstEvent
                ? ChainCheck.fromFirstEvent(id) : ChainCheck.fromAnyEvent(id)).add(event);
        addLeaf(event.hash());
    }

    /** Only the hash of an event (one an export leaves out): it joins the Merkle tree. */
    public void leaf(long globalIndex, String hash) {
        advanceTo(globalIndex);
        addLeaf(hash);
    }

    public long events() {
        return events;
    }

    public int chains() {
        return chains.size();
    }

    public Verdict finish() {
        while (nextCheckpoint < checkpoints.size()) {
            compare(checkpoints.get(nextCheckpoint++));
        }
        chains.values().forEach(chain -> {
            ChainCheck.Verdict verdict = chain.verdict();
            if (!verdict.valid()) {
                problem(new Problem("chain", chain.aggregateId(), verdict.firstBrokenSequence(), null,
                        verdict.reason()));
            }
        });
        if (moreProblems > 0) {
            problems.add(new Problem("more", null, null, null, moreProblems + " more problems not listed"));
        }
        return new Verdict(problems.isEmpty(), checkpoints.size(), events, List.copyOf(problems));
    }

    private void addLeaf(String hash) {
        if (Sha256.isHash(hash)) {
            tree.add(hash);
        }
    }

    private void advanceTo(long globalIndex) {
        if (globalIndex <= lastGlobalIndex) {
            throw new IllegalArgumentException("events must come in global index order: " + globalIndex
                    + " after " + lastGlobalIndex);
        }
        lastGlobalIndex = globalIndex;
        while (nextCheckpoint < checkpoints.size() && checkpoints.get(nextCheckpoint).upToGlobalIndex() < globalIndex) {
            compare(checkpoints.get(nextCheckpoint++));
        }
    }

    private void compare(Checkpoint checkpoint) {
        String which = "the checkpoint up to global index " + checkpoint.upToGlobalIndex() + " signed at "
                + checkpoint.signedAt();
        PublicKey key = checkpoint.keyId() == null ? null : trustedKeys.get(checkpoint.keyId());
        if (key == null) {
            problem(new Problem("signature", null, null, checkpoint.upToGlobalIndex(),
                    which + " is signed with key " + checkpoint.keyId() + ", which is not a trusted key"));
        } else if (!AuditKeys.verify(key, checkpoint.signedContent(), checkpoint.signature())) {
            problem(new Problem("signature", null, null, checkpoint.upToGlobalIndex(),
                    which + " does not carry a valid signature of key " + checkpoint.keyId()));
        }
        if (tree.size() != checkpoint.events()) {
            problem(new Problem("checkpoint", null, null, checkpoint.upToGlobalIndex(), which + " counts "
                    + checkpoint.events() + " events, but " + tree.size() + " are stored up to there: "
                    + (tree.size() < checkpoint.events() ? checkpoint.events() - tree.size() + " were deleted"
                    : tree.size() - checkpoint.events() + " were added afterwards")));
        } else if (!tree.root().equals(checkpoint.merkleRoot())) {
            problem(new Problem("checkpoint", null, null, checkpoint.upToGlobalIndex(), which
                    + " has a Merkle root the stored events no longer give: events up to there were changed or "
                    + "their chains recomputed"));
        }
    }

    private void problem(Problem problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        } else {
            moreProblems++;
        }
    }
}
