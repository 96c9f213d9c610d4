package io.brigade.reporting.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.CanonicalJson;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.EventHash;
import io.brigade.audit.ExportFormat;
import io.brigade.audit.Sha256;
import io.brigade.platform.audit.AuditExport;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * An export across services, in the format of each service's own (docs/audit-hashing.md, "Exports"): one section per
 * service that has selected events, each its header, its events in store order (the others up to its newest checkpoint
 * as leaves), then its checkpoints that cover the selection. Rows are read through a cursor and written as they come.
 */
@Component
public class TrailExport {

    private final AuditEventTable events;
    private final CheckpointTable checkpoints;
    private final Clock clock = Clock.systemUTC();

    public TrailExport(AuditEventTable events, CheckpointTable checkpoints) {
        this.events = events;
        this.checkpoints = checkpoints;
    }

    public void write(AuditExport.Selection selection, OutputStream out) {
        Instant now = clock.instant();
        List<String> services = events.servicesOf(selection,
                AuditFeed.SERVICES_BY_TOPIC.values().stream().sorted().toList());
        try (JsonGenerator json = CanonicalJson.MAPPER.getFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (String service : services) {
                section(json, service, selection, now);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void section(JsonGenerator json, String service, AuditExport.Selection selection, Instant now) {
        List<Checkpoint> signed = checkpoints.of(service);
        long newestCheckpoint = signed.stream().mapToLong(Checkpoint::upToGlobalIndex).max().orElse(0);
        ObjectNode header = CanonicalJson.MAPPER.createObjectNode();
        header.put("record", ExportFormat.HEADER);
        header.put("service", service);
        header.set("selection", selection.toJson());
        header.put("exportedAt", EventHash.timestamp(now));
        line(json, header);
        long[] firstSelected = {Long.MAX_VALUE};
        events.forExport(service, selection, newestCheckpoint, row -> {
            if (row.event().aggregateType() == null) {
                return;
            }
            if (row.selected()) {
                firstSelected[0] = Math.min(firstSelected[0], row.event().globalIndex());
                line(json, ExportFormat.eventLine(service, row.event()));
            } else if (Sha256.isHash(row.event().hash())) {
                line(json, ExportFormat.leaf(row.event().globalIndex(), row.event().hash()));
            }
        });
        signed.stream()
                .filter(c -> firstSelected[0] == Long.MAX_VALUE || c.upToGlobalIndex() >= firstSelected[0])
                .sorted(Comparator.comparingLong(Checkpoint::upToGlobalIndex))
                .forEach(c -> line(json, ExportFormat.checkpoint(c)));
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
