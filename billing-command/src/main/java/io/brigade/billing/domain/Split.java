package io.brigade.billing.domain;

import io.brigade.contracts.billing.BillCheck;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.CheckId;
import io.brigade.contracts.billing.SplitBill;
import io.brigade.contracts.billing.SplitMode;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.LineId;
import io.brigade.platform.problem.InvalidInputException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the guests want to share a bill, and the checks that follow from it. The checks always cover the total exactly:
 * each gets its share rounded down to the cent, and the cents left over go one each to the first checks. An equal
 * split shares alike; a split by seat or by lines shares in proportion to the lines' prices, so discount and service
 * charge fall on each check pro rata. Lines without a seat make a shared check of their own, last.
 */
public record Split(SplitMode mode, int parts, List<List<LineId>> groups) {

    public static final int MOST_PARTS = 50;

    public Split {
        Objects.requireNonNull(mode, "mode");
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** The split a guest asked for, checked against the bill's lines. */
    public static Split of(SplitBill command, List<BilledLine> lines) {
        if (command.mode() == null) {
            throw new InvalidInputException("mode", "give EQUAL, BY_SEAT or BY_LINES");
        }
        return switch (command.mode()) {
            case EQUAL -> equal(command.parts());
            case BY_SEAT -> new Split(SplitMode.BY_SEAT, 0, bySeat(lines));
            case BY_LINES -> new Split(SplitMode.BY_LINES, 0, byLines(command.groups(), lines));
        };
    }

    private static Split equal(Integer parts) {
        if (parts == null || parts < 1 || parts > MOST_PARTS) {
            throw new InvalidInputException("parts", "split into 1 to " + MOST_PARTS + " parts");
        }
        return new Split(SplitMode.EQUAL, parts, List.of());
    }

    private static List<List<LineId>> bySeat(List<BilledLine> lines) {
        Map<Integer, List<LineId>> seats = new LinkedHashMap<>();
        lines.stream().sorted(Comparator.comparing(BilledLine::seat, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(line -> seats.computeIfAbsent(line.seat(), seat -> new ArrayList<>()).add(line.lineId()));
        return seats.values().stream().map(List::copyOf).toList();
    }

    private static List<List<LineId>> byLines(List<List<LineId>> groups, List<BilledLine> lines) {
        if (groups == null || groups.isEmpty() || groups.size() > MOST_PARTS) {
            throw new InvalidInputException("groups", "give 1 to " + MOST_PARTS + " groups of line ids");
        }
        Set<LineId> billed = new HashSet<>(lines.stream().map(BilledLine::lineId).toList());
        Set<LineId> seen = new HashSet<>();
        for (List<LineId> group : groups) {
            if (group == null || group.isEmpty() || group.stream().anyMatch(Objects::isNull)) {
                throw new InvalidInputException("groups", "every group needs at least one line id");
            }
            for (LineId line : group) {
                if (!billed.contains(line)) {
                    throw new InvalidInputException("groups", "line " + line + " is not on this bill");
                }
                if (!seen.add(line)) {
                    throw new InvalidInputException("groups", "line " + line + " is in more than one group");
                }
            }
        }
        if (!seen.equals(billed)) {
            throw new InvalidInputException("groups", "every line of the bill must be in a group");
        }
        return groups.stream().map(List::copyOf).toList();
    }

    public int checkCount() {
        return mode == SplitMode.EQUAL ? parts : groups.size();
    }

    /** The checks of this split for a bill of {@code lines} coming to {@code total}. */
    public List<BillCheck> checks(BillId billId, int splitNumber, List<BilledLine> lines, Money total) {
        List<Long> weights = mode == SplitMode.EQUAL ? Collections.nCopies(parts, 1L)
                : groups.stream().map(group -> subtotalOf(group, lines)).toList();
        List<Money> shares = share(total, weights);
        List<BillCheck> checks = new ArrayList<>();
        for (int position = 0; position < shares.size(); position++) {
            List<LineId> covered = mode == SplitMode.EQUAL ? List.of() : groups.get(position);
            checks.add(new BillCheck(CheckId.forSplit(billId, splitNumber, position + 1), shares.get(position),
                    covered));
        }
        return checks;
    }

    private static long subtotalOf(List<LineId> group, List<BilledLine> lines) {
        return lines.stream().filter(line -> group.contains(line.lineId())).mapToLong(line -> line.total().cents())
                .sum();
    }

    /**
     * Shares {@code total} in proportion to {@code weights}; cents left over go to the first checks that weigh. Groups
     * that weigh nothing at all (free lines only) share alike.
     */
    static List<Money> share(Money total, List<Long> weights) {
        long weight = weights.stream().mapToLong(Long::longValue).sum();
        if (weight == 0) {
            return share(total, Collections.nCopies(weights.size(), 1L));
        }
        List<Long> shares = new ArrayList<>();
        for (long w : weights) {
            shares.add(BigInteger.valueOf(total.cents()).multiply(BigInteger.valueOf(w))
                    .divide(BigInteger.valueOf(weight)).longValueExact());
        }
        long left = total.cents() - shares.stream().mapToLong(Long::longValue).sum();
        for (int i = 0; left > 0; i = (i + 1) % shares.size()) {
            if (weights.get(i) > 0) {
                shares.set(i, shares.get(i) + 1);
                left--;
            }
        }
        return shares.stream().map(Money::ofCents).toList();
    }
}
