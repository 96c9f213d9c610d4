package io.brigade.audit;

/**
 * Walks one aggregate's events in sequence order and names the first link that does not hold: a missing sequence, a
 * stored hash its content does not give, or a previous hash that is not the hash of the event before.
 */
public final class ChainCheck {

    private final String aggregateId;
    private final boolean fromFirstEvent;
    private long expectedSequence;
    private String lastHash = EventHash.GENESIS;
    private boolean started;
    private long events;
    private Long firstBrokenSequence;
    private String reason;

    private ChainCheck(String aggregateId, boolean fromFirstEvent) {
        this.aggregateId = aggregateId;
        this.fromFirstEvent = fromFirstEvent;
    }

    /** A whole stream, which must start at sequence 0. */
    public static ChainCheck fromFirstEvent(String aggregateId) {
        return new ChainCheck(aggregateId, true);
    }

    /** Part of a stream (an export of a time range), whose first event's predecessor is not at hand. */
    public static ChainCheck fromAnyEvent(String aggregateId) {
        return new ChainCheck(aggregateId, false);
    }

    public void add(AuditedEvent event) {
        events++;
        if (firstBrokenSequence != null) {
            return;
        }
        long sequence = event.sequence();
        if (!started && !fromFirstEvent) {
            expectedSequence = sequence;
            lastHash = event.previousHash();
        }
        started = true;
        if (sequence != expectedSequence) {
            broken(expectedSequence, sequence > expectedSequence
                    ? "event " + expectedSequence + " is missing: the next stored event is " + sequence
                    : "event " + sequence + " is stored twice");
            return;
        }
        if (event.hash() == null) {
            broken(sequence, "event " + sequence + " has no hash");
            return;
        }
        AuditedEvent.Recomputed recomputed = event.recompute();
        if (recomputed.hash() == null) {
            broken(sequence, "event " + sequence + " " + recomputed.failure());
            return;
        }
        if (!recomputed.hash().equals(event.hash())) {
            broken(sequence, "event " + sequence + " does not match its hash: its content was changed");
            return;
        }
        if (lastHash == null || !lastHash.equals(event.previousHash())) {
            broken(sequence, sequence == 0
                    ? "event 0 does not start a chain"
                    : "event " + sequence + " does not follow the hash of event " + (sequence - 1));
            return;
        }
        lastHash = event.hash();
        expectedSequence = sequence + 1;
    }

    private void broken(long sequence, String why) {
        firstBrokenSequence = sequence;
        reason = why;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public Verdict verdict() {
        return new Verdict(firstBrokenSequence == null, events, firstBrokenSequence, reason);
    }

    /** API.md's answer to {@code GET /audit/…/{id}/verify}. */
    public record Verdict(boolean valid, long events, Long firstBrokenSequence, String reason) {
    }
}
