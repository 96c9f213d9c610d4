package io.brigade.reporting.feed;

import io.brigade.reporting.report.ReportFold;
import io.brigade.reporting.report.ReportRows;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * One poll's records, read into events. A record that cannot be read or applied is set aside (as a skipped event
 * the operator can see) and never stops the rest.
 */
public final class EventBatch {

    private static final Logger log = LoggerFactory.getLogger(EventBatch.class);

    private final List<ReportEvent> events = new ArrayList<>();
    private final List<ConsumerRecord<byte[], byte[]>> sources = new ArrayList<>();
    private final Set<UUID> orderIds = new HashSet<>();
    private final Set<UUID> billIds = new HashSet<>();
    private final Set<UUID> ticketIds = new HashSet<>();
    private final List<ReportRows.Skipped> skipped = new ArrayList<>();

    /** Reads without touching any fold, so that a replay reads the next poll while it folds the last. */
    public static EventBatch read(Iterable<ConsumerRecord<byte[], byte[]>> records, EventDecoder decoder) {
        EventBatch batch = new EventBatch();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                ReportEvent event = decoder.decode(record);
                if (event == null) {
                    continue;
                }
                batch.events.add(event);
                batch.sources.add(record);
                String context = event.payload().getClass().getPackageName();
                if (context.endsWith(".order")) {
                    batch.orderIds.add(UUID.fromString(event.aggregateId()));
                } else if (context.endsWith(".billing")) {
                    batch.billIds.add(UUID.fromString(event.aggregateId()));
                } else if (context.endsWith(".kitchen")) {
                    batch.ticketIds.add(UUID.fromString(event.aggregateId()));
                }
            } catch (Exception e) {
                batch.skipped.add(skip(record, e));
            }
        }
        return batch;
    }

    /** Applies the events in the order they were read. */
    public void applyTo(ReportFold fold) {
        fold.skipped.addAll(skipped);
        for (int i = 0; i < events.size(); i++) {
            try {
                fold.apply(events.get(i));
            } catch (RuntimeException e) {
                fold.skipped.add(skip(sources.get(i), e));
            }
        }
    }

    public Set<UUID> orderIds() {
        return orderIds;
    }

    public Set<UUID> billIds() {
        return billIds;
    }

    public Set<UUID> ticketIds() {
        return ticketIds;
    }

    private static ReportRows.Skipped skip(ConsumerRecord<byte[], byte[]> record, Exception e) {
        log.warn("Reports skip {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
        return new ReportRows.Skipped(record.topic(), record.partition(), record.offset(),
                EventDecoder.type(record), String.valueOf(e));
    }
}
