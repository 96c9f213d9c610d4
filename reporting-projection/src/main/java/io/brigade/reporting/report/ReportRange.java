package io.brigade.reporting.report;

import io.brigade.platform.problem.InvalidInputException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The instants a report covers, {@code from} included and {@code to} excluded, read from {@code from}/{@code to}:
 * ISO instants, or dates, which mean that whole day (so {@code from=2026-11-28&to=2026-11-28} is that day) in the restaurant's zone. Without {@code from} a report starts
 * today; without {@code to} it ends with today. At most 366 days.
 */
public record ReportRange(Instant from, Instant to, ZoneId zone) {

    static final int MOST_DAYS = 366;

    public static ReportRange parse(String from, String to, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        Instant start = from == null ? today.atStartOfDay(zone).toInstant() : bound("from", from, zone, false);
        Instant end = to == null ? today.plusDays(1).atStartOfDay(zone).toInstant() : bound("to", to, zone, true);
        if (!start.isBefore(end)) {
            throw new InvalidInputException("from", "must be before to");
        }
        ZonedDateTime limit = start.atZone(zone).plusDays(MOST_DAYS);
        if (end.isAfter(limit.toInstant())) {
            throw new InvalidInputException("to", "a report covers at most " + MOST_DAYS + " days");
        }
        return new ReportRange(start, end, zone);
    }

    private static Instant bound(String field, String value, ZoneId zone, boolean end) {
        String text = value.trim();
        if (text.length() > 40) {
            throw new InvalidInputException(field, "give an ISO instant (2026-11-28T19:00:00Z) or a date (2026-11-28)");
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "give an ISO instant (2026-11-28T19:00:00Z) or a date (2026-11-28)");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
