package io.brigade.benchmarks;

import io.brigade.audit.ChainCheck;
import io.brigade.audit.Checkpoint;
import io.brigade.platform.audit.AuditTrail;
import io.brigade.platform.audit.Checkpointer;
import io.brigade.platform.test.TestInfrastructure;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The order service with a store that already holds a history: the service starts once on an empty database of its
 * own (its schema, its publisher's token), stops, gets {@code history} events written by {@link OrderStoreHistory},
 * starts again and takes an audit checkpoint (it folds the whole history, written behind its back, into its Merkle
 * tree and stores the tree's frontier), stops, and starts once more, as a service restarts in operation. Measured: the
 * whole store's fold, then after the restart the start, the first audit checkpoint (resumed from the stored frontier),
 * the first token claim of a new tracking processor started at the store's tail, at its head and at a time ten minutes
 * back (also once without the time index, to show what it is for), one written order's hash chain verified by the
 * audit trail, and order commands: appends per second on 8 threads and command latency one at a time.
 */
final class GrowthBenchmark {

    record Level(long events, double foldSeconds, double startSeconds, double firstCheckpointSeconds,
                 double tailClaimMillis,
                 double headClaimMillis, double timeClaimMillis, double timeCaughtUpMillis,
                 double timeClaimWithoutIndexMillis, List<Double> appends, List<Double> medians, List<Double> p99s) {
    }

    private GrowthBenchmark() {
    }

    static Level measure(long history, int runs, int commands, int samples) throws Exception {
        BenchmarkStage stage = new BenchmarkStage();
        TestInfrastructure infrastructure = TestInfrastructure.get();
        String url = infrastructure.newDatabase("ordergrowth");
        String database = url.substring(url.lastIndexOf('/') + 1);
        String onIt = "spring.datasource.url=" + url;
        Path keys = Files.createTempDirectory("growth-audit-keys");
        // a key that outlives the process: a restarted service trusts the frontier it stored only with its signature
        String keyFile = "brigade.audit.signing.key-file=" + keys.resolve("order-command.pem");
        try {
            Serializer serializer;
            try (OrderServiceBenchmark first = OrderServiceBenchmark.brigade(stage, onIt, keyFile)) {
                serializer = first.service().getBean("eventSerializer", Serializer.class);
                JdbcTemplate jdbc = first.service().getBean(JdbcTemplate.class);
                awaitTrue(() -> jdbc.queryForObject("select count(*) from token_entry", Long.class) > 0);
            }
            if (history > 0) {
                long started = System.nanoTime();
                long written = new OrderStoreHistory(url, serializer).append(history, Duration.ofDays(365));
                System.out.printf("wrote %,d events of history in %.0f s%n", written,
                        (System.nanoTime() - started) / 1e9);
            }
            double foldSeconds;
            Checkpoint folded;
            try (OrderServiceBenchmark catchingUp = OrderServiceBenchmark.brigade(stage, onIt, keyFile)) {
                long folding = System.nanoTime();
                folded = catchingUp.service().getBean(Checkpointer.class).checkpointNow();
                foldSeconds = (System.nanoTime() - folding) / 1e9;
            }
            long starting = System.nanoTime();
            try (OrderServiceBenchmark service = OrderServiceBenchmark.brigade(stage, onIt, keyFile)) {
                double startSeconds = (System.nanoTime() - starting) / 1e9;
                long resuming = System.nanoTime();
                Checkpoint resumed = service.service().getBean(Checkpointer.class).checkpointNow();
                double checkpointSeconds = (System.nanoTime() - resuming) / 1e9;
                if (resumed.upToGlobalIndex() != folded.upToGlobalIndex() || resumed.events() != folded.events()
                        || !resumed.merkleRoot().equals(folded.merkleRoot())) {
                    throw new IllegalStateException("The checkpoint after the restart " + resumed
                            + " is not the whole store's " + folded);
                }
                double tail = probe(service, "growth-probe-tail", StreamableMessageSource::createTailToken, false)[0];
                double head = probe(service, "growth-probe-head", StreamableMessageSource::createHeadToken, false)[0];
                Instant tenMinutesBack = Instant.now().minus(Duration.ofMinutes(10));
                double[] time = probe(service, "growth-probe-time", s -> s.createTokenAt(tenMinutesBack), true);
                JdbcTemplate jdbc = service.service().getBean(JdbcTemplate.class);
                jdbc.execute("drop index if exists domain_event_entry_time_stamp");
                double withoutIndex = probe(service, "growth-probe-time-unindexed",
                        s -> s.createTokenAt(tenMinutesBack), false)[0];
                jdbc.execute("create index domain_event_entry_time_stamp on domain_event_entry (time_stamp)");
                if (history > 0) {
                    String order = jdbc.queryForObject("select aggregate_identifier from domain_event_entry "
                            + "where global_index = ?", String.class, history / 2);
                    ChainCheck.Verdict verdict = service.service().getBean(AuditTrail.class).verify(order);
                    if (!verdict.valid()) {
                        throw new IllegalStateException("A written order's hash chain does not verify: " + verdict);
                    }
                }
                service.openOrdersPerSecond(commands, 8);
                service.commandMillis(samples);
                List<Double> appends = new ArrayList<>();
                List<Double> medians = new ArrayList<>();
                List<Double> p99s = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    appends.add(service.openOrdersPerSecond(commands, 8));
                    double[] latency = service.commandMillis(samples);
                    medians.add(Stats.percentile(latency, 50));
                    p99s.add(Stats.percentile(latency, 99));
                    System.out.printf("%,d events, run %d: %.0f appends/s (8 threads), command median %.1f ms, "
                            + "p99 %.1f ms%n", history, run, appends.get(run - 1), medians.get(run - 1),
                            p99s.get(run - 1));
                }
                Level level = new Level(history, foldSeconds, startSeconds, checkpointSeconds, tail, head, time[0], time[1],
                        withoutIndex, appends, medians, p99s);
                System.out.printf("%,d events: whole store folded in %.1f s; after a restart: started in %.1f s, "
                                + "first checkpoint %.2f s, new processor claims at tail %.0f ms, head %.0f ms, "
                                + "10 minutes back %.0f ms (caught up %.0f ms; without the time index %.0f ms)%n",
                        history, foldSeconds, startSeconds, checkpointSeconds, tail, head, time[0], time[1],
                        withoutIndex);
                return level;
            }
        } finally {
            try (Connection admin = DriverManager.getConnection(infrastructure.jdbcUrl("postgres"),
                    infrastructure.postgresUser(), infrastructure.postgresPassword());
                 Statement drop = admin.createStatement()) {
                drop.execute("drop database if exists " + database + " with (force)");
            }
            try (var files = Files.list(keys)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(keys);
        }
    }

    /**
     * Starts a new tracking processor on the service's event store; answers the milliseconds until it had claimed
     * its segment (its initial token made and stored) and, when asked, until it had caught up with the store.
     */
    private static double[] probe(OrderServiceBenchmark service, String name,
                                  Function<StreamableMessageSource<TrackedEventMessage<?>>, TrackingToken> initial,
                                  boolean untilCaughtUp) throws InterruptedException {
        var context = service.service();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Counting()).build())
                .messageSource(context.getBean(EventStore.class))
                .tokenStore(context.getBean(TokenStore.class))
                .transactionManager(context.getBean(TransactionManager.class))
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andInitialTrackingToken(initial))
                .build();
        long started = System.nanoTime();
        processor.start();
        try {
            awaitTrue(() -> !processor.processingStatus().isEmpty());
            double claimed = (System.nanoTime() - started) / 1e6;
            if (!untilCaughtUp) {
                return new double[]{claimed, 0};
            }
            awaitTrue(() -> processor.processingStatus().values().stream().allMatch(EventTrackerStatus::isCaughtUp));
            return new double[]{claimed, (System.nanoTime() - started) / 1e6};
        } finally {
            processor.shutDown();
        }
    }

    private static final class Counting implements EventMessageHandler {

        private final AtomicLong handled = new AtomicLong();

        @Override
        public Object handle(EventMessage<?> event) {
            handled.incrementAndGet();
            return null;
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void awaitTrue(Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting after 10 minutes");
            }
            Thread.sleep(5);
        }
    }
}
