package io.brigade.reporting.replay;

import io.brigade.contracts.Topics;
import io.brigade.contracts.reporting.ReplayProgressed;
import io.brigade.platform.kafka.BrigadeKafkaProperties;
import io.brigade.platform.kafka.KafkaEventWriter;
import io.brigade.platform.problem.ConflictException;
import io.brigade.reporting.feed.EventBatch;
import io.brigade.reporting.feed.EventDecoder;
import io.brigade.reporting.feed.ReportFeed;
import io.brigade.reporting.feed.ReportTopics;
import io.brigade.reporting.report.ReportFold;
import io.brigade.reporting.report.ReportTables;
import io.brigade.reporting.report.ReportsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds every report table from offset zero of every topic while the live ones keep answering.
 * <ol>
 * <li>A new schema of report tables is made, without indexes, and every partition is read from its first offset up
 * to the end it had when the rebuild started, folded in memory, with no write per event: polling Kafka, reading the
 * payloads and folding run at once on threads of their own. Then every table is copied in and indexed, several
 * tables at once.</li>
 * <li>The rebuild follows the end of the topics (events that arrived meanwhile), a batch and one write at a time,
 * until it is close behind.</li>
 * <li>The live feed pauses, the rebuild reads the last few events, and in one transaction the new tables are written
 * and take the live ones' name; the live feed goes on from where the new tables stand.</li>
 * </ol>
 * If anything fails, the new tables are dropped and the live ones go on answering as before.
 */
@Component
public class ReportReplay implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReportReplay.class);
    /** Close enough behind the end of the topics to pause the live feed for the last stretch. */
    private static final long CLOSE_BEHIND = 2_000;
    private static final int MAX_FOLLOW_ROUNDS = 50;

    private final ReportTopics topics;
    private final ReportTables tables;
    private final ReportFeed feed;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReportsProperties properties;
    private final KafkaEventWriter progressWriter;
    private final String progressTopic;
    private final EventDecoder decoder = new EventDecoder();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "report-replay-progress");
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService poller = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "report-replay-poll");
        thread.setDaemon(true);
        return thread;
    });

    private final ExecutorService decoders;

    private final AtomicReference<ReplayStatus> status = new AtomicReference<>(ReplayStatus.IDLE);
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    /** Orders the progress messages for those who drop stale ones: the clock's millisecond, but always increasing. */
    private final AtomicLong progressVersion = new AtomicLong();

    public ReportReplay(ReportTopics topics, ReportTables tables, ReportFeed feed, JdbcTemplate jdbc,
                        TransactionTemplate transactions, ReportsProperties properties,
                        BrigadeKafkaProperties brigade, KafkaProperties kafka) {
        this.topics = topics;
        this.tables = tables;
        this.feed = feed;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.decoders = Executors.newFixedThreadPool(properties.replayDecoders(), r -> {
            Thread thread = new Thread(r, "report-replay-decode");
            thread.setDaemon(true);
            return thread;
        });
        this.progressWriter = new KafkaEventWriter(String.join(",", kafka.getBootstrapServers()));
        this.progressTopic = brigade.topic(Topics.REPORTING_EVENTS);
    }

    public ReplayStatus status() {
        ReplayStatus current = status.get();
        if (!current.running()) {
            return current;
        }
        return running(current.replayId(), current.startedAt());
    }

    /** Starts a rebuild; refused while one runs. */
    public synchronized UUID start() {
        if (status.get().running()) {
            throw new ConflictException("A replay of the reports is already running");
        }
        UUID replayId = UUID.randomUUID();
        Instant startedAt = Instant.now();
        processed.set(0);
        total.set(0);
        status.set(new ReplayStatus(replayId, "RUNNING", 0, 0, startedAt, null, 0, null));
        // at once, so a watcher sees it start however short it is, then about once a second
        var progress = ticker.scheduleAtFixedRate(() -> publish(status()), 0, 1, TimeUnit.SECONDS);
        Thread worker = new Thread(() -> {
            ReplayStatus end;
            try {
                rebuild();
                end = finished(replayId, startedAt, "DONE", null);
            } catch (Exception e) {
                log.error("The replay of the reports failed; the live tables keep answering", e);
                end = finished(replayId, startedAt, "FAILED", Objects.toString(e.getMessage(), e.toString()));
            }
            progress.cancel(false);
            status.set(end);
            ReplayStatus last = end;
            ticker.execute(() -> publish(last));
        }, "report-replay");
        worker.setDaemon(true);
        worker.start();
        return replayId;
    }

    private void rebuild() throws InterruptedException {
        tables.createNext();
        try (KafkaConsumer<byte[], byte[]> reader = topics.consumer("reports-replay", properties.replayFetchBytes(),
                20_000, properties.replayChecksCrcs())) {
            List<TopicPartition> partitions = topics.partitions(reader);
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> first = reader.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            total.set(distance(first, end));

            ReportFold fold = new ReportFold();
            long reading = System.nanoTime();
            readTo(reader, end, fold);
            long writing = System.nanoTime();
            try {
                tables.fill(ReportTables.NEXT, fold, positions(reader, partitions));
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            fold.written();
            log.info("Replay read {} events in {} ms and copied the reports in {} ms", processed.get(),
                    (writing - reading) / 1_000_000, (System.nanoTime() - writing) / 1_000_000);

            for (int round = 0; round < MAX_FOLLOW_ROUNDS; round++) {
                end = reader.endOffsets(partitions);
                long behind = distance(positions(reader, partitions), end);
                if (behind <= CLOSE_BEHIND) {
                    break;
                }
                total.addAndGet(behind);
                readTo(reader, end, fold);
                write(fold, positions(reader, partitions), false);
            }

            long pausing = System.nanoTime();
            feed.pause();
            try {
                end = reader.endOffsets(partitions);
                total.addAndGet(distance(positions(reader, partitions), end));
                readTo(reader, end, fold);
                Map<TopicPartition, Long> positions = positions(reader, partitions);
                transactions.executeWithoutResult(tx -> jdbc.execute((ConnectionCallback<Void>) connection -> {
                    tables.write(connection, ReportTables.NEXT, fold, positions, false);
                    tables.switchToNext(connection);
                    return null;
                }));
            } finally {
                feed.resume();
            }
            log.info("Replay switched the reports over; the live feed waited {} ms",
                    (System.nanoTime() - pausing) / 1_000_000);
        } catch (RuntimeException | InterruptedException e) {
            try {
                tables.dropNext();
            } catch (RuntimeException dropFailed) {
                e.addSuppressed(dropFailed);
            }
            throw e;
        }
    }

    /**
     * Reads up to {@code end} in three overlapping steps: the next poll runs on a thread of its own, while the records
     * of the last are read into events by several threads at once, while the events of the one before are folded
     * here, in their order.
     */
    private void readTo(KafkaConsumer<byte[], byte[]> reader, Map<TopicPartition, Long> end, ReportFold fold)
            throws InterruptedException {
        Future<ConsumerRecords<byte[], byte[]>> next = poll(reader, end);
        List<Future<EventBatch>> decoding = List.of();
        int decodingRecords = 0;
        try {
            while (next != null) {
                ConsumerRecords<byte[], byte[]> records = await(next);
                next = poll(reader, end);
                List<Future<EventBatch>> decoded = decoding;
                int decodedRecords = decodingRecords;
                decoding = decode(records);
                decodingRecords = records.count();
                fold(decoded, decodedRecords, fold);
            }
            fold(decoding, decodingRecords, fold);
        } finally {
            if (next != null) {
                // the reader may be closed only once no thread uses it
                try {
                    await(next);
                } catch (RuntimeException ignored) {
                    // the failure that brought us here is the one to report
                }
            }
        }
    }

    private List<Future<EventBatch>> decode(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(records.count());
        records.forEach(all::add);
        int part = Math.max(1, (all.size() + properties.replayDecoders() - 1) / properties.replayDecoders());
        List<Future<EventBatch>> parts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += part) {
            List<ConsumerRecord<byte[], byte[]>> slice = all.subList(from, Math.min(all.size(), from + part));
            parts.add(decoders.submit(() -> EventBatch.read(slice, decoder)));
        }
        return parts;
    }

    private void fold(List<Future<EventBatch>> decoded, int records, ReportFold fold) throws InterruptedException {
        for (Future<EventBatch> batch : decoded) {
            await(batch).applyTo(fold);
        }
        processed.addAndGet(records);
    }

    private static <T> T await(Future<T> work) throws InterruptedException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** The next poll, unless the reader already stands at the end; the reader is only ever used by one thread. */
    private Future<ConsumerRecords<byte[], byte[]>> poll(KafkaConsumer<byte[], byte[]> reader,
                                                         Map<TopicPartition, Long> end) {
        if (distance(positions(reader, end.keySet()), end) == 0) {
            return null;
        }
        return poller.submit(() -> reader.poll(Duration.ofMillis(200)));
    }

    private void write(ReportFold fold, Map<TopicPartition, Long> positions, boolean fresh) {
        transactions.executeWithoutResult(tx -> jdbc.execute((ConnectionCallback<Void>) connection -> {
            tables.write(connection, ReportTables.NEXT, fold, positions, fresh);
            return null;
        }));
        fold.written();
    }

    private static Map<TopicPartition, Long> positions(KafkaConsumer<?, ?> reader,
                                                        java.util.Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> positions = new HashMap<>();
        for (TopicPartition partition : partitions) {
            positions.put(partition, reader.position(partition));
        }
        return positions;
    }

    /** How many records lie between two sets of positions; a position already past its end counts nothing. */
    private static long distance(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long records = 0;
        for (Map.Entry<TopicPartition, Long> end : to.entrySet()) {
            records += Math.max(0, end.getValue() - from.getOrDefault(end.getKey(), 0L));
        }
        return records;
    }

    private ReplayStatus running(UUID replayId, Instant startedAt) {
        long done = processed.get();
        return new ReplayStatus(replayId, "RUNNING", done, Math.max(done, total.get()), startedAt, null,
                perSecond(done, startedAt, Instant.now()), null);
    }

    private ReplayStatus finished(UUID replayId, Instant startedAt, String state, String reason) {
        Instant finishedAt = Instant.now();
        long done = processed.get();
        return new ReplayStatus(replayId, state, done, Math.max(done, total.get()), startedAt, finishedAt,
                perSecond(done, startedAt, finishedAt), reason);
    }

    private static long perSecond(long events, Instant from, Instant to) {
        long millis = Math.max(1, Duration.between(from, to).toMillis());
        return events * 1000 / millis;
    }

    private void publish(ReplayStatus progress) {
        try {
            long version = progressVersion.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis()));
            progressWriter.write(progressTopic, "ReportReplay", progress.replayId().toString(),
                    version, new ReplayProgressed(progress.replayId(), progress.state(),
                            progress.processed(), progress.total(), progress.startedAt(), progress.finishedAt(),
                            progress.eventsPerSecond(), progress.reason()), Map.of());
        } catch (RuntimeException e) {
            log.warn("Replay progress not published: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        ticker.shutdownNow();
        poller.shutdownNow();
        decoders.shutdownNow();
        progressWriter.close();
    }
}
