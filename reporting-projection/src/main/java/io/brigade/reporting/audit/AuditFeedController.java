package io.brigade.reporting.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.Checkpoint;
import io.brigade.platform.audit.AuditController;
import io.brigade.platform.audit.AuditExport;
import io.brigade.platform.problem.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/** API.md's audit trail across services: the feed of every event, every checkpoint, one export. Auditors only. */
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('AUDITOR')")
public class AuditFeedController {

    static final int MAX_SIZE = 200;
    /** Pages reach this many events deep; a later page is a narrower range ({@code to=} the oldest one seen). */
    static final int MAX_DEPTH = 10_000;

    private final AuditEventTable events;
    private final CheckpointTable checkpoints;
    private final TrailExport export;

    public AuditFeedController(AuditEventTable events, CheckpointTable checkpoints, TrailExport export) {
        this.events = events;
        this.checkpoints = checkpoints;
        this.export = export;
    }

    public record Page(List<ObjectNode> items, int page, int size, long total, boolean totalIsExact,
                       boolean hasMore) {
    }

    @GetMapping("/events")
    public Page events(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String userId, @RequestParam(required = false) String type,
                       @RequestParam(required = false) String aggregateId,
                       @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        FeedFilter filter = FeedFilter.of(from, to, userId, type, aggregateId);
        int pageSize = number("size", size, 50, 1, MAX_SIZE);
        int pageNumber = number("page", page, 0, 0, MAX_DEPTH);
        if ((long) (pageNumber + 1) * pageSize > MAX_DEPTH) {
            throw new InvalidInputException("page", "Pages reach " + MAX_DEPTH + " events deep; ask for an older "
                    + "range with to= instead");
        }
        List<ObjectNode> items = events.page(filter, pageNumber, pageSize);
        long counted = events.count(filter, MAX_DEPTH + 1L);
        boolean exact = counted <= MAX_DEPTH;
        return new Page(items, pageNumber, pageSize, counted, exact,
                (long) pageNumber * pageSize + items.size() < counted);
    }

    @GetMapping("/checkpoints")
    public List<ObjectNode> checkpoints(@RequestParam(required = false) String service) {
        if (service != null && !AuditFeed.SERVICES_BY_TOPIC.containsValue(service)) {
            throw new InvalidInputException("service", "One of " + String.join(", ",
                    AuditFeed.SERVICES_BY_TOPIC.values().stream().sorted().toList()));
        }
        return checkpoints.of(service).stream().map(Checkpoint::toJson).toList();
    }

    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String aggregateId,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to) {
        if (aggregateId != null && (from != null || to != null)) {
            throw new InvalidInputException("aggregateId", "Export one aggregate or a time range, not both");
        }
        FeedFilter filter = FeedFilter.of(from, to, null, null, aggregateId);
        AuditExport.Selection selection = new AuditExport.Selection(filter.aggregateId(), filter.from(), filter.to());
        String name = ("brigade-audit" + (aggregateId == null ? "" : "-" + aggregateId) + ".jsonl")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(out -> export.write(selection, out));
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        if (!value.matches("\\d{1,6}")) {
            throw new InvalidInputException(field, field + " is a whole number from " + min + " to " + max);
        }
        int number = Integer.parseInt(value);
        if (number < min || number > max) {
            throw new InvalidInputException(field, field + " is a whole number from " + min + " to " + max);
        }
        return number;
    }
}
