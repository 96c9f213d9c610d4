package io.brigade.reporting.replay;

import java.time.Instant;
import java.util.UUID;

/** {@code GET /reports/replay}: the last rebuild of the reports, or {@code IDLE} when there was none. */
public record ReplayStatus(UUID replayId, String state, long processed, long total, Instant startedAt,
                           Instant finishedAt, long eventsPerSecond, String reason) {

    public static final ReplayStatus IDLE = new ReplayStatus(null, "IDLE", 0, 0, null, null, 0, null);

    public boolean running() {
        return "RUNNING".equals(state);
    }
}
