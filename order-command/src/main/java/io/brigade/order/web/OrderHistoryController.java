package io.brigade.order.web;

import io.brigade.order.query.OrderAsItStood;
import io.brigade.platform.audit.AuditController;
import io.brigade.platform.audit.AuditTrail;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** An order as it stood at an instant, for auditors: {@code GET /api/v1/audit/orders/{id}/state?at=}. */
@RestController
@PreAuthorize("hasRole('AUDITOR')")
public class OrderHistoryController {

    private final AuditTrail trail;

    public OrderHistoryController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping("/api/v1/audit/orders/{id}/state")
    public OrderAsItStood.View state(@PathVariable String id, @RequestParam(required = false) String at) {
        if (at == null) {
            throw new InvalidInputException("at", "The instant to show the order at is required, e.g. "
                    + "2026-11-30T19:30:00Z");
        }
        Instant instant = AuditController.instant("at", at);
        OrderAsItStood.View view = OrderAsItStood.fold(trail.eventsUpTo(id, instant));
        if (view == null) {
            throw new NotFoundException("Order " + id + " was not open yet at " + instant);
        }
        return view;
    }
}
