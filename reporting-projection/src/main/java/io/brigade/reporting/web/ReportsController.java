package io.brigade.reporting.web;

import io.brigade.reporting.replay.ReplayStatus;
import io.brigade.reporting.replay.ReportReplay;
import io.brigade.reporting.report.ReportQueries;
import io.brigade.reporting.report.ReportQueries.GroupBy;
import io.brigade.reporting.report.ReportRange;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a manager reads about the service: sales, best sellers, kitchen times, adjustments; and the rebuild of it all. */
@RestController
@RequestMapping("/api/v1/reports")
public class ReportsController {

    private final ReportQueries reports;
    private final ReportReplay replay;

    public ReportsController(ReportQueries reports, ReportReplay replay) {
        this.reports = reports;
        this.replay = replay;
    }

    @GetMapping("/sales")
    @PreAuthorize("hasRole('MANAGER')")
    public ReportQueries.Sales sales(@RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String groupBy) {
        GroupBy grouping = GroupBy.of(groupBy);
        return reports.sales(ReportRange.parse(from, to, reports.zone()), grouping);
    }

    @GetMapping("/items")
    @PreAuthorize("hasRole('MANAGER')")
    public List<ReportQueries.ItemRow> items(@RequestParam(required = false) String from,
                                             @RequestParam(required = false) String to) {
        return reports.items(ReportRange.parse(from, to, reports.zone()));
    }

    @GetMapping("/kitchen")
    @PreAuthorize("hasRole('MANAGER')")
    public List<ReportQueries.KitchenRow> kitchen(@RequestParam(required = false) String from,
                                                  @RequestParam(required = false) String to) {
        return reports.kitchen(ReportRange.parse(from, to, reports.zone()));
    }

    @GetMapping("/adjustments")
    @PreAuthorize("hasAnyRole('MANAGER', 'AUDITOR')")
    public List<ReportQueries.AdjustmentRow> adjustments(@RequestParam(required = false) String from,
                                                         @RequestParam(required = false) String to) {
        return reports.adjustments(ReportRange.parse(from, to, reports.zone()));
    }

    @PostMapping("/replay")
    @PreAuthorize("hasRole('MANAGER')")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, UUID> replay() {
        return Map.of("replayId", replay.start());
    }

    @GetMapping("/replay")
    @PreAuthorize("hasRole('MANAGER')")
    public ReplayStatus replayStatus() {
        return replay.status();
    }
}
