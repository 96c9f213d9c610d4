package io.brigade.reporting.feed;

import java.time.Instant;

/**
 * An event as the reports use it: its payload (a contracts record, or {@code null} for a type no report needs), the
 * aggregate it belongs to and its sequence there, when it happened, and who did it.
 */
public record ReportEvent(String messageId, Object payload, String aggregateId, long sequence, Instant at,
                          String username, String role) {
}
