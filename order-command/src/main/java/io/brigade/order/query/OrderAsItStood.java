package io.brigade.order.query;

import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillDetached;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineRemoved;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesCooking;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesReopened;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.OrderReady;
import io.brigade.contracts.order.OrderTransferred;
import io.brigade.contracts.order.SentLine;
import io.brigade.platform.audit.AuditTrail;
import io.brigade.platform.metadata.MetaDataKeys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An order folded from its own events up to an instant, in API.md's {@code orderView} form: what the waiters saw at
 * that moment. It follows the same rules as the live order view (a served order once every line that was not voided is
 * on the table; the subtotal without voided lines).
 */
public final class OrderAsItStood {

    public record View(UUID orderId, UUID tableId, int tableNumber, int guests, String status, Waiter waiter,
                       List<Line> lines, long subtotalCents, UUID billId, Instant openedAt, Instant closedAt,
                       long version) {
    }

    public record Waiter(String id, String name) {
    }

    public record Line(UUID lineId, UUID menuItemId, String name, int quantity, List<String> modifiers,
                       long unitPriceCents, long totalCents, Integer seat, Integer course, String notes,
                       String state) {

        Line in(String newState) {
            return new Line(lineId, menuItemId, name, quantity, modifiers, unitPriceCents, totalCents, seat, course,
                    notes, newState);
        }
    }

    private UUID orderId;
    private UUID tableId;
    private int tableNumber;
    private int guests;
    private String status;
    private Waiter waiter;
    private final Map<LineId, Line> lines = new LinkedHashMap<>();
    private UUID billId;
    private Instant openedAt;
    private Instant closedAt;
    private long version;

    private OrderAsItStood() {
    }

    /** The order after the given events, or {@code null} when none (it was not open yet). */
    public static View fold(List<AuditTrail.Recorded> events) {
        if (events.isEmpty()) {
            return null;
        }
        OrderAsItStood order = new OrderAsItStood();
        events.forEach(order::apply);
        return order.view();
    }

    private void apply(AuditTrail.Recorded recorded) {
        version = recorded.event().sequence();
        Object event = recorded.payload();
        if (event instanceof OrderOpened e) {
            orderId = e.orderId().value();
            tableId = e.tableId().value();
            tableNumber = e.tableNumber();
            guests = e.guests();
            status = "OPEN";
            waiter = new Waiter(recorded.metaData(MetaDataKeys.USER_ID), recorded.metaData(MetaDataKeys.USERNAME));
            openedAt = recorded.timestamp();
        } else if (event instanceof OrderLineAdded e) {
            lines.put(e.lineId(), new Line(e.lineId().value(), e.menuItemId().value(), e.name(), e.quantity(),
                    modifierNames(e.modifiers()), e.unitPrice().cents(), e.unitPrice().cents() * e.quantity(),
                    e.seat(), e.course(), e.notes(), "NEW"));
        } else if (event instanceof OrderLineRemoved e) {
            lines.remove(e.lineId());
        } else if (event instanceof OrderLinesSent e) {
            move(e.lines().stream().map(SentLine::lineId).toList(), "SENT");
            status = "IN_KITCHEN";
        } else if (event instanceof OrderLinesCooking e) {
            move(e.lineIds(), "COOKING");
        } else if (event instanceof OrderLinesReady e) {
            move(e.lineIds(), "READY");
        } else if (event instanceof OrderReady) {
            status = "READY";
        } else if (event instanceof OrderLinesReopened e) {
            move(e.lineIds(), "COOKING");
            if ("READY".equals(status)) {
                status = "IN_KITCHEN";
            }
        } else if (event instanceof OrderLinesServed e) {
            move(e.lineIds(), "SERVED");
            if ("READY".equals(status) && lines.values().stream()
                    .allMatch(l -> l.state().equals("SERVED") || l.state().equals("VOIDED"))) {
                status = "SERVED";
            }
        } else if (event instanceof OrderLineVoided e) {
            move(List.of(e.lineId()), "VOIDED");
        } else if (event instanceof OrderTransferred e) {
            tableId = e.toTableId().value();
            tableNumber = e.toTableNumber();
        } else if (event instanceof BillRequested) {
            status = "BILLED";
        } else if (event instanceof BillAttached e) {
            billId = e.billId().value();
        } else if (event instanceof BillDetached e && e.billId().value().equals(billId)) {
            billId = null;
        } else if (event instanceof OrderClosed) {
            status = "CLOSED";
            closedAt = recorded.timestamp();
        } else if (event instanceof OrderCancelled) {
            status = "CANCELLED";
            closedAt = recorded.timestamp();
        }
        // kitchen delays and overdue bills change nothing a waiter sees
    }

    private void move(List<LineId> ids, String state) {
        ids.forEach(id -> lines.computeIfPresent(id, (key, line) -> line.in(state)));
    }

    private View view() {
        long subtotal = lines.values().stream().filter(l -> !l.state().equals("VOIDED")).mapToLong(Line::totalCents)
                .sum();
        return new View(orderId, tableId, tableNumber, guests, status, waiter, List.copyOf(lines.values()), subtotal,
                billId, openedAt, closedAt, version);
    }

    private static List<String> modifierNames(List<ChosenModifier> modifiers) {
        return modifiers == null ? List.of() : modifiers.stream().map(ChosenModifier::name).toList();
    }
}
