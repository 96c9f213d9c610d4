package io.brigade.reporting.audit;

import io.brigade.platform.audit.AuditController;
import io.brigade.platform.problem.InvalidInputException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which events of the feed an auditor asks for: a time range [from, to), who did it, which type (the simple name
 * {@code OrderOpened} or the full one), which aggregate. Every part is optional; each has an index that ends in the
 * feed's newest-first order.
 */
public record FeedFilter(Instant from, Instant to, UUID userId, String type, String aggregateId) {

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final int MAX_TEXT = 255;

    /** Reads the query parameters; a bad one is a 400 naming it. */
    public static FeedFilter of(String from, String to, String userId, String type, String aggregateId) {
        Instant start = AuditController.instant("from", from);
        Instant end = AuditController.instant("to", to);
        if (start != null && end != null && start.isAfter(end)) {
            throw new InvalidInputException("from", "from is after to");
        }
        return new FeedFilter(start, end, uuid("userId", userId), type(type), aggregateId(aggregateId));
    }

    public static UUID uuid(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!UUID_FORM.matcher(value).matches() || new UUID(0, 0).equals(UUID.fromString(value))) {
            throw new InvalidInputException(field, "Not a UUID in its 36-character form");
        }
        return UUID.fromString(value);
    }

    public static String aggregateId(String value) {
        if (value != null && (value.isBlank() || value.length() > MAX_TEXT)) {
            throw new InvalidInputException("aggregateId", "An aggregate id has 1 to " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String type(String value) {
        if (value != null && (value.length() > MAX_TEXT || !TYPE.matcher(value).matches())) {
            throw new InvalidInputException("type", "An event type is a name such as OrderOpened or "
                    + "io.brigade.contracts.order.OrderOpened");
        }
        return value;
    }

    /** The SQL {@code where} clause (or nothing), its arguments added to {@code arguments}. */
    String where(List<Object> arguments) {
        List<String> conditions = new ArrayList<>();
        if (from != null) {
            conditions.add("occurred_at >= ?");
            arguments.add(from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("occurred_at < ?");
            arguments.add(to.atOffset(ZoneOffset.UTC));
        }
        if (userId != null) {
            conditions.add("user_id = ?");
            arguments.add(userId);
        }
        if (type != null) {
            conditions.add("type_name = ?");
            arguments.add(PublishedEvent.simpleName(type));
            if (type.contains(".")) {
                conditions.add("type = ?");
                arguments.add(type);
            }
        }
        if (aggregateId != null) {
            conditions.add("aggregate_id = ?");
            arguments.add(aggregateId);
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }
}
