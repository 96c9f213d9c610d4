package io.brigade.devstack;

import io.brigade.platform.test.ApiClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order commands per second with one order-command instance and with two, each on a devstack of its own, measured the
 * same way: eight waiters, each opening an order on a table of their own, adding 20 lines and cancelling it, again
 * and again, as fast as they are answered, each talking to one instance (waiter n to instance n mod instances). A
 * measurement, run on purpose rather than with every build:
 * {@code mvn -B -pl devstack -am verify -Ddevstack.excluded-tests=none -Dtest=ScaleOutThroughputTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; the figures are printed.
 */
@Tag("measured")
class ScaleOutThroughputTest {

    private static final int WAITERS = 8;
    private static final int ROUNDS = 3;
    private static final Duration ROUND = Duration.ofSeconds(Long.getLong("scale.bench.seconds", 20));
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final int LINES = 20;

    @Test
    void orderCommandsPerSecond_oneInstanceBesideTwo() throws Exception {
        List<String> report = new ArrayList<>();
        for (int instances = 1; instances <= 2; instances++) {
            try (RunningDevstack restaurant = RunningDevstack.startScaledOut(instances, Set.of("order-command"))) {
                List<Round> rounds = new ArrayList<>();
                measure(restaurant, instances, WARM_UP);
                for (int round = 0; round < ROUNDS; round++) {
                    rounds.add(measure(restaurant, instances, ROUND));
                }
                rounds.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
                Round median = rounds.get(ROUNDS / 2);
                report.add(String.format("%d instance(s): %.0f commands/s (median of %d rounds of %d s; rounds %s),"
                                + " p50 %.1f ms, p99 %.1f ms", instances, median.perSecond(), ROUNDS, ROUND.toSeconds(),
                        rounds.stream().map(r -> String.format("%.0f", r.perSecond())).toList(), median.p50(),
                        median.p99()));
            }
        }
        System.out.println("Order commands on " + WAITERS + " threads, straight to the order-command instances:");
        report.forEach(line -> System.out.println("  " + line));
    }

    private static Round measure(RunningDevstack restaurant, int instances, Duration length) throws Exception {
        String token = restaurant.signIn("waiter");
        String burger = RunningDevstack.DEMO.item("Brigade burger").id().toString();
        ExecutorService waiters = Executors.newFixedThreadPool(WAITERS);
        try {
            List<Future<List<Long>>> work = new ArrayList<>();
            long until = System.nanoTime() + length.toNanos();
            for (int waiter = 0; waiter < WAITERS; waiter++) {
                String tableId = RunningDevstack.DEMO.table(waiter + 1).id().toString();
                ApiClient instance = ApiClient.at(restaurant.instanceUrl(8082, 1 + waiter % instances))
                        .withBearer(token);
                work.add(waiters.submit(() -> {
                    List<Long> took = new ArrayList<>();
                    while (System.nanoTime() < until) {
                        // an order of LINES lines, then cancelled, so every order stays as small as a real one
                        String orderId = timed(took, () -> instance.post("/api/v1/orders",
                                Map.of("tableId", tableId, "guests", 2)), 201).text("orderId");
                        for (int line = 0; line < LINES && System.nanoTime() < until; line++) {
                            timed(took, () -> instance.post("/api/v1/orders/" + orderId + "/lines", Map.of(
                                    "lineId", UUID.randomUUID().toString(), "menuItemId", burger, "quantity", 1)), 201);
                        }
                        timed(took, () -> instance.post("/api/v1/orders/" + orderId + "/cancel",
                                Map.of("reason", "measured")), 204);
                    }
                    return took;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> waiter : work) {
                all.addAll(waiter.get());
            }
            Collections.sort(all);
            return new Round(all.size() / (double) length.toSeconds(), percentile(all, 0.50), percentile(all, 0.99));
        } finally {
            waiters.shutdownNow();
        }
    }

    private static ApiClient.Response timed(List<Long> took, java.util.function.Supplier<ApiClient.Response> command,
                                            int expected) {
        long started = System.nanoTime();
        ApiClient.Response answer = command.get();
        took.add(System.nanoTime() - started);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(expected);
        return answer;
    }

    private static double percentile(List<Long> sorted, double share) {
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, share * sorted.size())) / 1e6;
    }

    private record Round(double perSecond, double p50, double p99) {
    }
}
