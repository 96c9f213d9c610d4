package io.brigade.platform.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.AuditedEvent;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.ExportFormat;
import io.brigade.audit.Sha256;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes an audit export as JSON Lines (docs/audit-hashing.md, "Exports") while reading the events, one line at a
 * time: the selected events with their content, every other event up to the newest checkpoint as its hash only (a
 * checkpoint's root needs them all), then the checkpoints that cover the selection.
 */
public final class AuditExport {

    /** Which events an export shows in full: one aggregate's, those in [from, to), or all. */
    public record Selection(String aggregateId, Instant from, Instant to) {

        public static Selection all() {
            return new Selection(null, null, null);
        }

        boolean selects(AuditedEvent event) {
            if (aggregateId != null) {
                return aggregateId.equals(event.aggregateId());
            }
            if (from == null && to == null) {
                return true;
            }
            Instant at;
            try {
                at = Instant.parse(EventHash.timestamp(event.timestamp()));
            } catch (RuntimeException e) {
                return false;
            }
            return (from == null || !at.isBefore(from)) && (to == null || at.isBefore(to));
        }

        /** The selection as an export's header states it. */
        public ObjectNode toJson() {
            ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
            if (aggregateId != null) {
                json.put("aggregateId", aggregateId);
            }
            if (from != null) {
                json.put("from", from.toString());
            }
            if (to != null) {
                json.put("to", to.toString());
            }
            return json;
        }
    }

    /** Events of a store in global index order. */
    public interface EventSource {
        void forEach(Consumer<AuditedEvent> each);
    }

    private AuditExport() {
    }

    public static void write(OutputStream out, String service, Selection selection, EventSource events,
                             List<Checkpoint> checkpoints, Instant now) {
        long newestCheckpoint = checkpoints.stream().mapToLong(Checkpoint::upToGlobalIndex).max().orElse(0);
        long[] firstSelected = {Long.MAX_VALUE};
        try (JsonGenerator json = CanonicalJson.MAPPER.getFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            ObjectNode header = CanonicalJson.MAPPER.createObjectNode();
            header.put("record", ExportFormat.HEADER);
            header.put("service", service);
            header.set("selection", selection.toJson());
            header.put("exportedAt", EventHash.timestamp(now));
            line(json, header);
            events.forEach(event -> {
                if (event.aggregateType() == null) {
                    return;
                }
                if (selection.selects(event)) {
                    firstSelected[0] = Math.min(firstSelected[0], event.globalIndex());
                    line(json, ExportFormat.eventLine(service, event));
                } else if (event.globalIndex() <= newestCheckpoint && Sha256.isHash(event.hash())) {
                    line(json, ExportFormat.leaf(event.globalIndex(), event.hash()));
                }
            });
            checkpoints.stream()
                    .filter(c -> firstSelected[0] == Long.MAX_VALUE || c.upToGlobalIndex() >= firstSelected[0])
                    .sorted(Comparator.comparingLong(Checkpoint::upToGlobalIndex))
                    .forEach(c -> line(json, ExportFormat.checkpoint(c)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(JsonGenerator json, ObjectNode line) {
        try {
            json.writeTree(line);
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
