package io.brigade.reporting.feed;

import io.brigade.reporting.report.ReportFold;
import io.brigade.reporting.report.ReportTables;
import io.brigade.reporting.report.ReportsProperties;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the live report tables up to date: reads every partition of every topic from where the tables say they
 * stand, folds each poll into rows and writes them with the new positions in one transaction, so a crash or a
 * redelivery never counts anything twice. A replay pauses it for the moment reads switch to the rebuilt tables; it
 * then goes on from where the rebuilt tables stand.
 */
@Component
public class ReportFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReportFeed.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final ReportTopics topics;
    private final ReportTables tables;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ReportsProperties properties;
    private final EventDecoder decoder = new EventDecoder();
    private final Object pauseLock = new Object();

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private boolean pauseWanted;
    private boolean paused;
    private volatile long appliedBatches;

    public ReportFeed(ReportTopics topics, ReportTables tables, JdbcTemplate jdbc, TransactionTemplate transactions,
                      ReportsProperties properties) {
        this.topics = topics;
        this.tables = tables;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "report-feed");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        try {
            if (thread != null) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops writing after the batch in hand; answers once nothing more will be written until {@link #resume}. */
    public void pause() throws InterruptedException {
        synchronized (pauseLock) {
            pauseWanted = true;
            KafkaConsumer<byte[], byte[]> current = consumer;
            if (current != null) {
                current.wakeup();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!paused && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    pauseWanted = false;
                    throw new IllegalStateException("The live feed did not pause within a minute");
                }
                pauseLock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
            }
        }
    }

    /** Goes on from where the live tables now stand. */
    public void resume() {
        synchronized (pauseLock) {
            pauseWanted = false;
            pauseLock.notifyAll();
        }
    }

    /** How many batches were written since the start, for those who wait for the feed to move on. */
    public long appliedBatches() {
        return appliedBatches;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> reader = topics.consumer("reports-live", 8 * 1024 * 1024,
                    properties.liveBatchSize(), true)) {
                consumer = reader;
                List<TopicPartition> partitions = topics.partitions(reader);
                reader.assign(partitions);
                seekToStored(reader, partitions);
                follow(reader, partitions);
            } catch (WakeupException e) {
                // stopping, or pausing: the loop decides
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("The report feed stopped on {}; it starts again from the stored positions", e.toString());
                sleep();
            } finally {
                consumer = null;
            }
            awaitResume();
        }
    }

    private void follow(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> partitions)
            throws InterruptedException {
        while (running) {
            synchronized (pauseLock) {
                if (pauseWanted) {
                    return;
                }
            }
            ConsumerRecords<byte[], byte[]> records = reader.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            ReportFold fold = new ReportFold();
            EventBatch batch = EventBatch.read(records, decoder);
            Map<TopicPartition, Long> positions = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                List<?> inPartition = records.records(partition);
                positions.put(partition, records.records(partition).get(inPartition.size() - 1).offset() + 1);
            }
            transactions.executeWithoutResult(status -> {
                tables.load(ReportTables.LIVE, fold, batch.orderIds(), batch.billIds(), batch.ticketIds());
                batch.applyTo(fold);
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    tables.write(connection, ReportTables.LIVE, fold, positions, false);
                    return null;
                });
            });
            appliedBatches++;
        }
    }

    private void awaitResume() {
        synchronized (pauseLock) {
            if (!pauseWanted) {
                return;
            }
            paused = true;
            pauseLock.notifyAll();
            while (pauseWanted && running) {
                try {
                    pauseLock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            paused = false;
        }
    }

    private void seekToStored(KafkaConsumer<byte[], byte[]> reader, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = tables.offsets(ReportTables.LIVE);
        for (TopicPartition partition : partitions) {
            Long offset = stored.get(partition);
            if (offset == null) {
                reader.seekToBeginning(List.of(partition));
            } else {
                reader.seek(partition, offset);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
