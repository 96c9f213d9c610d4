package io.brigade.order.domain;

import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.SentLine;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The lines of one order in the order they were taken, and the ids of lines taken back before they were sent. */
final class OrderLines {

    private final Map<LineId, OrderLine> lines = new LinkedHashMap<>();
    private final Set<LineId> removed = new HashSet<>();

    Optional<OrderLine> find(LineId lineId) {
        return Optional.ofNullable(lines.get(lineId));
    }

    boolean wasRemoved(LineId lineId) {
        return removed.contains(lineId);
    }

    List<OrderLine> unsentOfCourse(Integer course) {
        return lines.values().stream().filter(line -> line.isUnsent() && line.isInCourse(course)).toList();
    }

    long unsentCount() {
        return lines.values().stream().filter(OrderLine::isUnsent).count();
    }

    List<LineId> inState(LineState state) {
        return lines.values().stream().filter(line -> line.state() == state).map(OrderLine::lineId).toList();
    }

    /** Those of {@code wanted} that are on this order in one of {@code states}, each once. */
    List<LineId> among(List<LineId> wanted, LineState... states) {
        Set<LineState> accepted = Set.of(states);
        return wanted.stream().distinct()
                .filter(id -> lines.containsKey(id) && accepted.contains(lines.get(id).state()))
                .toList();
    }

    List<BilledLine> billable() {
        return lines.values().stream().filter(OrderLine::isBillable).map(OrderLine::toBill).toList();
    }

    /** Every line that went to the kitchen and was not voided is ready or served. */
    boolean allSentOutOfKitchen() {
        List<OrderLine> sent = lines.values().stream().filter(OrderLine::wentToKitchen).toList();
        return !sent.isEmpty() && sent.stream().allMatch(OrderLine::isOutOfKitchen);
    }

    /** Every line that went to the kitchen and was not voided is served. */
    boolean allSentServed() {
        List<OrderLine> sent = lines.values().stream().filter(OrderLine::wentToKitchen).toList();
        return !sent.isEmpty() && sent.stream().allMatch(line -> line.state() == LineState.SERVED);
    }

    void add(OrderLine line) {
        lines.put(line.lineId(), line);
    }

    void remove(LineId lineId) {
        lines.remove(lineId);
        removed.add(lineId);
    }

    void markSent(List<SentLine> sent, int sendNumber) {
        sent.forEach(line -> lines.computeIfPresent(line.lineId(), (id, current) -> current.sent(sendNumber)));
    }

    void move(List<LineId> lineIds, LineState state) {
        lineIds.forEach(id -> lines.computeIfPresent(id, (key, line) -> line.in(state)));
    }
}
