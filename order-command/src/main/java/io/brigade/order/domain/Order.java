package io.brigade.order.domain;

import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.AttachBill;
import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillDetached;
import io.brigade.contracts.order.BillOverdue;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.CancelOrder;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.CloseOrder;
import io.brigade.contracts.order.DetachBill;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.MarkLinesCooking;
import io.brigade.contracts.order.MarkLinesReady;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
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
import io.brigade.contracts.order.OrderServed;
import io.brigade.contracts.order.OrderTransferred;
import io.brigade.contracts.order.RemoveOrderLine;
import io.brigade.contracts.order.ReopenLines;
import io.brigade.contracts.order.ReportBillOverdue;
import io.brigade.contracts.order.ReportKitchenDelay;
import io.brigade.contracts.order.RequestBill;
import io.brigade.contracts.order.SendOrderLines;
import io.brigade.contracts.order.ServeOrderLines;
import io.brigade.contracts.order.TransferOrder;
import io.brigade.contracts.order.VoidOrderLine;
import io.brigade.platform.metadata.MetaDataKeys;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.ForbiddenException;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import io.brigade.platform.problem.RefusedException;
import io.brigade.platform.security.Roles;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A table's order: lines are taken, sent to the kitchen, served and billed. One open order per table; prices are
 * fixed when a line is added; a client may retry any create with its own id and get the same result.
 */
@Aggregate(cache = "aggregateCache")
public class Order {

    @AggregateIdentifier
    private OrderId orderId;
    private TableId openedAt;
    private int openedFor;
    private TableId tableId;
    private int tableNumber;
    private OrderStatus status;
    private final OrderLines lines = new OrderLines();
    private int sends;
    private int billRequests;
    private List<BilledLine> lastBilled = List.of();
    private BillId billId;
    private final Set<TicketId> delayedTickets = new HashSet<>();
    private BillId overdueBill;

    protected Order() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public OrderId handle(OpenOrder command, FloorPlan floorPlan) {
        if (orderId != null) {
            if (!openedAt.equals(command.tableId()) || openedFor != command.guests()) {
                throw new ConflictException("Order " + command.orderId() + " was already opened with other details");
            }
            return orderId;
        }
        if (command.guests() < 1) {
            throw new InvalidInputException("guests", "must be at least 1");
        }
        int number = freeTable(command.tableId(), floorPlan).number();
        apply(new OrderOpened(command.orderId(), command.tableId(), number, command.guests()));
        return command.orderId();
    }

    @CommandHandler
    public LineId handle(AddOrderLine command, Menu menu) {
        Optional<OrderLine> existing = lines.find(command.lineId());
        if (existing.isPresent() || lines.wasRemoved(command.lineId())) {
            if (existing.isPresent() && existing.get().sameRequestAs(command)) {
                return command.lineId();
            }
            throw new ConflictException("Line " + command.lineId() + " already exists with other details");
        }
        requireNotFinished();
        if (command.quantity() < 1) {
            throw new InvalidInputException("quantity", "must be at least 1");
        }
        Menu.Item item = menu.item(command.menuItemId())
                .orElseThrow(() -> new InvalidInputException("menuItemId", "no such menu item"));
        if (!item.canBeOrdered()) {
            throw new RefusedException(item.name() + " is not available");
        }
        List<ChosenModifier> modifiers = chosenModifiers(item, command.modifierIds());
        Money unitPrice = modifiers.stream().map(ChosenModifier::price).reduce(item.price(), Money::plus);
        apply(new OrderLineAdded(orderId, command.lineId(), item.id(), item.name(), item.station(), command.quantity(),
                modifiers, unitPrice, command.seat(), command.course(), command.notes(), item.allergens()));
        return command.lineId();
    }

    @CommandHandler
    public void handle(RemoveOrderLine command) {
        if (lines.wasRemoved(command.lineId())) {
            return;
        }
        OrderLine line = line(command.lineId());
        requireNotFinished();
        if (!line.isUnsent()) {
            throw new ConflictException("Line was sent to the kitchen; a manager can void it");
        }
        apply(new OrderLineRemoved(orderId, command.lineId()));
    }

    @CommandHandler
    public int handle(SendOrderLines command) {
        requireNotFinished();
        List<OrderLine> toSend = lines.unsentOfCourse(command.course());
        if (!toSend.isEmpty()) {
            apply(new OrderLinesSent(orderId, sends + 1, tableId, tableNumber, command.course(),
                    toSend.stream().map(OrderLine::toKitchen).toList()));
        }
        return toSend.size();
    }

    @CommandHandler
    public void handle(VoidOrderLine command) {
        OrderLine line = line(command.lineId());
        if (line.state() == LineState.VOIDED) {
            return;
        }
        requireNotFinished();
        if (line.isUnsent()) {
            throw new ConflictException("Line was not sent yet; remove it instead");
        }
        apply(new OrderLineVoided(orderId, line.lineId(), line.station(), line.sendNumber(), command.reason()));
        announceIfEverySentLineIsReady();
        announceIfEverySentLineIsServed();
    }

    @CommandHandler
    public void handle(ServeOrderLines command) {
        requireNotFinished();
        List<LineId> toServe = new ArrayList<>();
        if (command.lineIds() == null || command.lineIds().isEmpty()) {
            toServe.addAll(lines.inState(LineState.READY));
            if (toServe.isEmpty()) {
                throw new ConflictException("No line is ready to serve");
            }
        } else {
            for (LineId lineId : command.lineIds()) {
                OrderLine line = lines.find(lineId).orElseThrow(
                        () -> new InvalidInputException("lineIds", "no line " + lineId + " on this order"));
                if (line.state() == LineState.READY) {
                    toServe.add(lineId);
                } else if (line.state() != LineState.SERVED) {
                    throw new ConflictException(line.name() + " is not ready");
                }
            }
        }
        if (!toServe.isEmpty()) {
            apply(new OrderLinesServed(orderId, toServe));
            announceIfEverySentLineIsServed();
        }
    }

    @CommandHandler
    public void handle(TransferOrder command, FloorPlan floorPlan) {
        requireNotFinished();
        if (command.tableId().equals(tableId)) {
            return;
        }
        int number = freeTable(command.tableId(), floorPlan).number();
        apply(new OrderTransferred(orderId, tableId, command.tableId(), number));
    }

    /** An order is opened at, or moved to, a table that exists and has no open order. */
    private static FloorPlan.Table freeTable(TableId id, FloorPlan floorPlan) {
        FloorPlan.Table table = floorPlan.table(id)
                .orElseThrow(() -> new InvalidInputException("tableId", "no such table"));
        if (!table.free()) {
            throw new ConflictException("Table " + table.number() + " already has an open order");
        }
        return table;
    }

    @CommandHandler
    public void handle(RequestBill command) {
        requireNotFinished();
        long unsent = lines.unsentCount();
        if (unsent > 0) {
            throw new RefusedException(unsent + " line(s) not sent yet: send or remove them first");
        }
        List<BilledLine> billed = lines.billable();
        if (billed.isEmpty()) {
            throw new RefusedException("Nothing to bill");
        }
        if (status == OrderStatus.BILLED && billed.equals(lastBilled)) {
            return;
        }
        Money subtotal = billed.stream().map(BilledLine::total).reduce(Money.ZERO, Money::plus);
        apply(new BillRequested(orderId, billRequests + 1, tableId, tableNumber, billed, subtotal));
    }

    @CommandHandler
    public void handle(CancelOrder command, @MetaDataValue(MetaDataKeys.ROLE) String role) {
        if (status == OrderStatus.CANCELLED) {
            return;
        }
        requireNotFinished();
        boolean manager = Roles.MANAGER.equals(role) || Roles.ADMIN.equals(role);
        if (sends > 0 && !manager) {
            throw new ForbiddenException("Lines went to the kitchen: only a manager can cancel this order");
        }
        apply(new OrderCancelled(orderId, tableId, command.reason()));
    }

    // What the kitchen and billing did, relayed by the fulfillment saga. Each answers the order's status, so the saga
    // knows when the order is over; on a finished order they change nothing, as kitchen news can come late.

    @CommandHandler
    public OrderStatus handle(MarkLinesCooking command) {
        List<LineId> started = lines.among(command.lineIds(), LineState.SENT);
        if (!status.isFinished() && !started.isEmpty()) {
            apply(new OrderLinesCooking(orderId, started));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(MarkLinesReady command) {
        List<LineId> ready = lines.among(command.lineIds(), LineState.SENT, LineState.COOKING);
        if (!status.isFinished() && !ready.isEmpty()) {
            apply(new OrderLinesReady(orderId, ready));
            announceIfEverySentLineIsReady();
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(ReopenLines command) {
        List<LineId> reopened = lines.among(command.lineIds(), LineState.READY, LineState.SERVED);
        if (!status.isFinished() && !reopened.isEmpty()) {
            apply(new OrderLinesReopened(orderId, reopened));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(ReportKitchenDelay command) {
        if (!status.isFinished() && !delayedTickets.contains(command.ticketId())) {
            apply(new KitchenDelayed(orderId, command.ticketId(), command.station(), command.sentAt()));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(ReportBillOverdue command) {
        if (!status.isFinished() && command.billId().equals(billId) && !command.billId().equals(overdueBill)) {
            apply(new BillOverdue(orderId, command.billId(), command.issuedAt()));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(AttachBill command) {
        if (!status.isFinished() && !command.billId().equals(billId)) {
            apply(new BillAttached(orderId, command.billId()));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(DetachBill command) {
        if (!status.isFinished() && command.billId().equals(billId)) {
            apply(new BillDetached(orderId, command.billId()));
        }
        return status;
    }

    @CommandHandler
    public OrderStatus handle(CloseOrder command) {
        if (!status.isFinished()) {
            apply(new OrderClosed(orderId, tableId, command.billId()));
        }
        return status;
    }

    @EventSourcingHandler
    void on(OrderOpened event) {
        orderId = event.orderId();
        openedAt = event.tableId();
        openedFor = event.guests();
        tableId = event.tableId();
        tableNumber = event.tableNumber();
        status = OrderStatus.OPEN;
    }

    @EventSourcingHandler
    void on(OrderLineAdded event) {
        lines.add(OrderLine.from(event));
    }

    @EventSourcingHandler
    void on(OrderLineRemoved event) {
        lines.remove(event.lineId());
    }

    @EventSourcingHandler
    void on(OrderLinesSent event) {
        sends = event.sendNumber();
        lines.markSent(event.lines(), sends);
        status = OrderStatus.IN_KITCHEN;
    }

    @EventSourcingHandler
    void on(OrderLineVoided event) {
        lines.move(List.of(event.lineId()), LineState.VOIDED);
    }

    @EventSourcingHandler
    void on(OrderLinesServed event) {
        lines.move(event.lineIds(), LineState.SERVED);
    }

    @EventSourcingHandler
    void on(OrderTransferred event) {
        tableId = event.toTableId();
        tableNumber = event.toTableNumber();
    }

    @EventSourcingHandler
    void on(BillRequested event) {
        billRequests = event.requestNumber();
        lastBilled = event.lines();
        status = OrderStatus.BILLED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderLinesCooking event) {
        lines.move(event.lineIds(), LineState.COOKING);
    }

    @EventSourcingHandler
    void on(OrderLinesReady event) {
        lines.move(event.lineIds(), LineState.READY);
    }

    @EventSourcingHandler
    void on(OrderReady event) {
        status = OrderStatus.READY;
    }

    @EventSourcingHandler
    void on(OrderServed event) {
        status = OrderStatus.SERVED;
    }

    @EventSourcingHandler
    void on(OrderLinesReopened event) {
        lines.move(event.lineIds(), LineState.COOKING);
        if (status == OrderStatus.READY || status == OrderStatus.SERVED) {
            status = OrderStatus.IN_KITCHEN;
        }
    }

    @EventSourcingHandler
    void on(KitchenDelayed event) {
        delayedTickets.add(event.ticketId());
    }

    @EventSourcingHandler
    void on(BillOverdue event) {
        overdueBill = event.billId();
    }

    @EventSourcingHandler
    void on(BillAttached event) {
        billId = event.billId();
    }

    @EventSourcingHandler
    void on(BillDetached event) {
        billId = null;
    }

    @EventSourcingHandler
    void on(OrderClosed event) {
        status = OrderStatus.CLOSED;
    }

    /** The table can be served once every line that went to the kitchen, and was not voided, is ready. */
    private void announceIfEverySentLineIsReady() {
        if (status == OrderStatus.IN_KITCHEN && lines.allSentOutOfKitchen()) {
            apply(new OrderReady(orderId));
        }
    }

    /** A ready order is served once every line that went to the kitchen, and was not voided, is on the table. */
    private void announceIfEverySentLineIsServed() {
        if (status == OrderStatus.READY && lines.allSentServed()) {
            apply(new OrderServed(orderId));
        }
    }

    private OrderLine line(LineId lineId) {
        return lines.find(lineId)
                .orElseThrow(() -> new NotFoundException("No line " + lineId + " on order " + orderId));
    }

    private void requireNotFinished() {
        if (status.isFinished()) {
            throw new ConflictException("Order is " + status.name().toLowerCase());
        }
    }

    private static List<ChosenModifier> chosenModifiers(Menu.Item item, List<ModifierId> wanted) {
        if (wanted == null) {
            return List.of();
        }
        List<ChosenModifier> chosen = new ArrayList<>();
        for (ModifierId id : wanted) {
            MenuModifier modifier = item.modifiers().stream().filter(m -> m.id().equals(id)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("modifierIds", item.name() + " has no modifier " + id));
            chosen.add(new ChosenModifier(modifier.id(), modifier.name(), modifier.price()));
        }
        return chosen;
    }
}
