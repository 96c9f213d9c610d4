package io.brigade.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark a few times on this machine and reports medians, with the plain-Axon baseline measured on the
 * same kind of machine for comparison. {@code mvn -Pbench -pl benchmarks -am verify -DskipTests}
 */
public final class Benchmarks {

    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final int COMMANDS = Integer.getInteger("bench.commands", 5000);
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.latencySamples", 500);
    private static final double BASELINE_ONE_THREAD = 357;
    private static final double BASELINE_EIGHT_THREADS = 1466;
    private static final double BASELINE_P99_MILLIS = 16;

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        StringBuilder report = new StringBuilder("# Brigade benchmarks\n\n");
        try (OrderServiceBenchmark orders = new OrderServiceBenchmark()) {
            orders.openOrdersPerSecond(1000, 4);
            orders.commandToKafkaMillis(100);
            List<Double> one = new ArrayList<>();
            List<Double> eight = new ArrayList<>();
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                one.add(orders.openOrdersPerSecond(COMMANDS, 1));
                eight.add(orders.openOrdersPerSecond(COMMANDS, 8));
                double[] latency = orders.commandToKafkaMillis(LATENCY_SAMPLES);
                medians.add(Stats.percentile(latency, 50));
                p99s.add(Stats.percentile(latency, 99));
                System.out.printf("run %d: %.0f cmd/s (1 thread), %.0f cmd/s (8 threads), command -> Kafka "
                        + "median %.1f ms, p99 %.1f ms%n", run, one.get(run - 1), eight.get(run - 1),
                        medians.get(run - 1), p99s.get(run - 1));
            }
            report.append(String.format("""
                            ## Order service (median of %d runs, %d commands a run, %d latency samples)
                            | measure | Brigade | plain-Axon baseline | ratio |
                            |---|---|---|---|
                            | open-order commands/s, 1 thread | %.0f | %.0f | %.2f |
                            | open-order commands/s, 8 threads | %.0f | %.0f | %.2f |
                            | command -> Kafka record, median | %.1f ms | | |
                            | command -> Kafka record, p99 | %.1f ms | %.0f ms (to a projection) | |
                            """, RUNS, COMMANDS, LATENCY_SAMPLES,
                    Stats.median(one), BASELINE_ONE_THREAD, Stats.median(one) / BASELINE_ONE_THREAD,
                    Stats.median(eight), BASELINE_EIGHT_THREADS, Stats.median(eight) / BASELINE_EIGHT_THREADS,
                    Stats.median(medians), Stats.median(p99s), BASELINE_P99_MILLIS));
        }
        try (BillingBenchmark billing = new BillingBenchmark()) {
            billing.billRequestedToBillIssuedMillis(50);
            List<Double> medians = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            for (int run = 1; run <= RUNS; run++) {
                double[] latency = billing.billRequestedToBillIssuedMillis(LATENCY_SAMPLES);
                medians.add(Stats.percentile(latency, 50));
                p99s.add(Stats.percentile(latency, 99));
                System.out.printf("run %d: BillRequested -> BillIssued median %.1f ms, p99 %.1f ms%n", run,
                        medians.get(run - 1), p99s.get(run - 1));
            }
            report.append(String.format("""

                            ## Billing service (median of %d runs, %d bill requests a run, one after another)
                            | measure | Brigade |
                            |---|---|
                            | BillRequested on Kafka -> BillIssued on Kafka, median | %.1f ms |
                            | BillRequested on Kafka -> BillIssued on Kafka, p99 | %.1f ms |
                            """, RUNS, LATENCY_SAMPLES, Stats.median(medians), Stats.median(p99s)));
        }
        System.out.println(report);
        Path out = Path.of("target", "benchmark-results.md");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        } catch (IOException e) {
            System.err.println("Could not write " + out + ": " + e);
        }
        System.exit(0);
    }
}
