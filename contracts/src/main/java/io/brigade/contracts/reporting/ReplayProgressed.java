package io.brigade.contracts.reporting;

import java.time.Instant;
import java.util.UUID;

/**
 * Where a rebuild of the reports stands: {@code state} is {@code RUNNING}, {@code DONE} or {@code FAILED} (with
 * {@code reason}); {@code processed} of {@code total} events read so far. Published about once a second while it runs
 * and once at the end, for the managers who watch it.
 */
public record ReplayProgressed(UUID replayId, String state, long processed, long total, Instant startedAt,
                               Instant finishedAt, long eventsPerSecond, String reason) {
}
