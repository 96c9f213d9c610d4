package io.brigade.platform.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.brigade.audit.AuditKeys;
import io.brigade.audit.ChainCheck;
import io.brigade.audit.Checkpoint;
import io.brigade.audit.StoreCheck;
import io.brigade.platform.problem.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * API.md's Audit section for the service's own event store, under {@code /api/v1/audit/{brigade.audit.stream}}.
 * Auditors (and admins) only.
 */
@RestController
@RequestMapping("/api/v1/audit/${brigade.audit.stream}")
@PreAuthorize("hasRole('AUDITOR')")
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/{id}/events")
    public List<ObjectNode> events(@PathVariable String id) {
        return trail.events(id);
    }

    @GetMapping("/{id}/verify")
    public ChainCheck.Verdict verify(@PathVariable String id) {
        return trail.verify(id);
    }

    @GetMapping("/verify")
    public StoreCheck.Verdict verifyStore() {
        return trail.verifyStore();
    }

    @GetMapping("/checkpoints")
    public List<ObjectNode> checkpoints() {
        return trail.checkpoints().stream().map(Checkpoint::toJson).toList();
    }

    /** Signs and publishes a checkpoint of the store as it is now. */
    @PostMapping("/checkpoints")
    @ResponseStatus(HttpStatus.CREATED)
    public ObjectNode checkpoint() {
        return trail.checkpointNow().toJson();
    }

    /** The public keys the service's checkpoints verify with, as a JWKS. */
    @GetMapping("/keys")
    public ObjectNode keys() {
        return AuditKeys.jwks(trail.keys().trusted().values());
    }

    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) String aggregateId,
                                                        @RequestParam(required = false) String from,
                                                        @RequestParam(required = false) String to) {
        if (aggregateId != null && (from != null || to != null)) {
            throw new InvalidInputException("aggregateId", "Export one aggregate or a time range, not both");
        }
        if (aggregateId != null && (aggregateId.isBlank() || aggregateId.length() > 255)) {
            throw new InvalidInputException("aggregateId", "An aggregate id has 1 to 255 characters");
        }
        AuditExport.Selection selection = new AuditExport.Selection(aggregateId, instant("from", from),
                instant("to", to));
        String name = (trail.service() + "-audit" + (aggregateId == null ? "" : "-" + aggregateId) + ".jsonl")
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(out -> trail.export(selection, out));
    }

    /** An ISO-8601 instant such as {@code 2026-11-30T19:30:00Z}; 400 for anything else. */
    public static Instant instant(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "Not an ISO-8601 instant such as 2026-11-30T19:30:00Z");
        }
    }
}
