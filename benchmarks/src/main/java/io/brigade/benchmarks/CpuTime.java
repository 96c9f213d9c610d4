package io.brigade.benchmarks;

import io.brigade.platform.test.TestInfrastructure;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU time used so far by this process and by the embedded PostgreSQL server (its own process and the backends it
 * started for each connection): on a machine others share, what a piece of work costs in CPU moves far less than how
 * long it takes. The server is not this process's child (its control program starts it on its own), so it is found
 * through the server itself.
 */
final class CpuTime {

    private CpuTime() {
    }

    /** Nanoseconds of CPU, user and system, of this process. */
    static long ofThisProcess() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Nanoseconds of CPU of the PostgreSQL server and its living backends (a backend that ended takes its CPU with
     * it; the services keep their connections in pools). The benchmarks run on the embedded server: with a
     * container's there is nothing to read here, and they refuse to run.
     */
    static long ofPostgres() {
        ProcessHandle server = Postgres.SERVER;
        return Stream.concat(Stream.of(server), server.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }

    /** The server's process, found once: it runs as long as the benchmarks do. */
    private static final class Postgres {

        static final ProcessHandle SERVER = TestInfrastructure.get().postgresProcess().orElseThrow(() ->
                new IllegalStateException("The CPU of a PostgreSQL container cannot be read from here: run the "
                        + "benchmarks with BRIGADE_TEST_INFRA=embedded"));
    }
}
