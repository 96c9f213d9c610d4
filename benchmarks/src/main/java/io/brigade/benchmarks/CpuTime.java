package io.brigade.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU time used so far by this process and the processes it started (the embedded PostgreSQL and its backends): on a
 * machine others share, what a piece of work costs in CPU moves far less than how long it takes.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** Nanoseconds of CPU, user and system, of this process and its living descendants. */
    static long ofThisProcessAndItsChildren() {
        long own = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long children = ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
        return own + children;
    }
}
