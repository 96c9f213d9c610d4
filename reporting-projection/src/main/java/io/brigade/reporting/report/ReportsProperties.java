package io.brigade.reporting.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** The reports' defaults; every one runs as it is on the devstack. */
@ConfigurationProperties("brigade.reports")
public record ReportsProperties(String defaultTimeZone, int liveBatchSize, int replayFetchBytes,
                                Duration switchLockTimeout, boolean replayChecksCrcs, int replayWriters,
                                int replayDecoders) {

    public ReportsProperties {
        defaultTimeZone = defaultTimeZone == null ? "Europe/Paris" : defaultTimeZone;
        liveBatchSize = liveBatchSize <= 0 ? 2000 : liveBatchSize;
        replayFetchBytes = replayFetchBytes <= 0 ? 16 * 1024 * 1024 : replayFetchBytes;
        switchLockTimeout = switchLockTimeout == null ? Duration.ofSeconds(10) : switchLockTimeout;
        replayWriters = replayWriters <= 0 ? 3 : replayWriters;
        replayDecoders = replayDecoders <= 0 ? 2 : replayDecoders;
    }
}
