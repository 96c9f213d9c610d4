package io.brigade.platform.ops;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Out of service while a streaming processor has more events to handle than {@code brigade.ops.ready-lag-limit} or
 * has stopped on an error, so a load balancer sends no reads to an instance whose views are far behind. A paused
 * processor is the operator's choice and does not count.
 */
class ProcessorLagHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorStatuses statuses;
    private final long limit;

    ProcessorLagHealthIndicator(ProcessorStatuses statuses, long limit) {
        super("The event processors' positions cannot be read");
        this.statuses = statuses;
        this.limit = limit;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Object> behind = new LinkedHashMap<>();
        Map<String, Object> failing = new LinkedHashMap<>();
        statuses.all().values().forEach(status -> {
            if (status.state() == ProcessorStatuses.State.ERROR) {
                failing.put(status.name(), status.segments().stream()
                        .filter(segment -> segment.error() != null).map(ProcessorStatuses.Segment::error).toList());
            } else if (status.state() != ProcessorStatuses.State.PAUSED && status.lag() != null
                    && status.lag() > limit) {
                behind.put(status.name(), status.lag());
            }
        });
        builder.withDetail("lagLimit", limit);
        if (behind.isEmpty() && failing.isEmpty()) {
            builder.up();
        } else {
            builder.outOfService().withDetail("behind", behind).withDetail("failing", failing);
        }
    }
}
