package io.brigade.order.saga;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItemReady;
import io.brigade.contracts.kitchen.TicketItemStarted;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.AttachBill;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.DetachBill;
import io.brigade.contracts.order.MarkLinesCooking;
import io.brigade.contracts.order.MarkLinesReady;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.ReopenLines;
import io.brigade.contracts.order.ReportBillOverdue;
import io.brigade.contracts.order.ReportKitchenDelay;
import io.brigade.contracts.order.SentLine;
import io.brigade.order.domain.OrderStatus;
import io.brigade.order.saga.TicketWatch.Stage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one order through kitchen and billing: relays what the cooks did to the order (lines cooking, ready, back in
 * the kitchen), reports a ticket nobody started in time, attaches the bill and reports it when it stays unpaid too
 * long, ends when the bill is paid (the order closes through {@code PaidBillPolicy}), and after a cancellation waits
 * until kitchen and billing have dropped what they held (or its deadline passes).
 * <p>
 * It reads the order, kitchen and billing topics in one processor, so events of different topics come in any relative
 * order. Within a topic a ticket's (or a bill's) events keep their order, so the first event of an order the saga can
 * see is its first send, a ticket created or a bill issued: each of them starts the saga if none runs yet. Later
 * events of a ticket or bill find the saga or are old news of an order it finished. Every handler only moves state
 * forward and every command it sends changes nothing when repeated. A ticket or bill redelivered after the order closed
 * starts the saga again; the order answers the next command with its status, and the saga ends once more.
 */
@Saga
@ProcessingGroup(OrderFulfillmentSaga.GROUP)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class OrderFulfillmentSaga {

    public static final String GROUP = "fulfillment";
    static final String TICKET_NOT_STARTED = "ticket-not-started";
    static final String CANCELLATION_UNCONFIRMED = "cancellation-unconfirmed";
    static final String BILL_NOT_SETTLED = "bill-not-settled";
    private static final String ORDER_ID = "orderId";

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;
    @Autowired
    @JsonIgnore
    private transient DeadlineManager deadlines;
    @Autowired
    @JsonIgnore
    private transient FulfillmentTimings timings;

    private OrderId orderId;
    private Map<String, TicketWatch> tickets = new HashMap<>();
    private boolean billRequested;
    private BillId openBill;
    private String billDeadline;
    private boolean cancelled;
    private String cancellationDeadline;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderLinesSent event, @Timestamp Instant sentAt) {
        orderId = event.orderId();
        event.lines().stream().map(SentLine::station).map(TicketId::normalStation).distinct().forEach(station ->
                expect(TicketId.forSend(orderId, event.sendNumber(), station), station, sentAt, Stage.EXPECTED));
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketCreated event, @Timestamp Instant createdAt) {
        orderId = event.orderId();
        TicketWatch known = tickets.get(event.ticketId().toString());
        if (known == null) {
            expect(event.ticketId(), event.station(), createdAt, Stage.QUEUED);
        } else if (known.stage() == Stage.EXPECTED) {
            tickets.put(event.ticketId().toString(), known.at(Stage.QUEUED));
        }
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketItemStarted event) {
        cookingStarted(event.ticketId());
        follow(commands.sendAndWait(new MarkLinesCooking(orderId, List.of(event.lineId()))));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketItemReady event) {
        cookingStarted(event.ticketId());
        follow(commands.sendAndWait(new MarkLinesReady(orderId, List.of(event.lineId()))));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketBumped event) {
        closeTicket(event.ticketId(), Stage.DONE);
        follow(commands.sendAndWait(new MarkLinesReady(orderId, event.readyLines())));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketRecalled event) {
        tickets.put(event.ticketId().toString(), known(event.ticketId()).at(Stage.STARTED));
        follow(commands.sendAndWait(new ReopenLines(orderId, event.reopenedLines())));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(TicketVoided event) {
        closeTicket(event.ticketId(), Stage.VOIDED);
        endIfCancellationConfirmed();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(BillRequested event) {
        billRequested = true;
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(BillIssued event, @Timestamp Instant issuedAt) {
        orderId = event.orderId();
        if (!event.billId().equals(openBill)) {
            stopBillDeadline();
            openBill = event.billId();
            billDeadline = deadlines.schedule(issuedAt.plus(timings.billSettledWithin()), BILL_NOT_SETTLED,
                    new OpenBill(event.billId(), issuedAt));
        }
        follow(commands.sendAndWait(new AttachBill(orderId, event.billId())));
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(BillVoided event) {
        if (event.billId().equals(openBill)) {
            stopBillDeadline();
            openBill = null;
            billRequested = false;
        }
        follow(commands.sendAndWait(new DetachBill(orderId, event.billId())));
        endIfCancellationConfirmed();
    }

    /** The paid bill closes the order through {@code PaidBillPolicy}; the saga has nothing left to watch. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(BillPaid event) {
        finish();
    }

    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderCancelled event) {
        windDown();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    void on(OrderClosed event) {
        stopAllTicketDeadlines();
    }

    @DeadlineHandler(deadlineName = TICKET_NOT_STARTED)
    void ticketNotStarted(TicketId ticketId) {
        TicketWatch ticket = tickets.get(ticketId.toString());
        if (ticket == null || !ticket.stage().waitsForACook() || cancelled) {
            return;
        }
        tickets.put(ticketId.toString(), ticket.withoutDeadline());
        follow(commands.sendAndWait(new ReportKitchenDelay(orderId, ticketId, ticket.station(), ticket.sentAt())));
    }

    @DeadlineHandler(deadlineName = BILL_NOT_SETTLED)
    void billNotSettled(OpenBill bill) {
        billDeadline = null;
        if (bill.billId().equals(openBill) && !cancelled) {
            follow(commands.sendAndWait(new ReportBillOverdue(orderId, bill.billId(), bill.issuedAt())));
        }
    }

    /** What the bill deadline carries: which bill, and when it was issued. */
    record OpenBill(BillId billId, Instant issuedAt) {
    }

    @DeadlineHandler(deadlineName = CANCELLATION_UNCONFIRMED)
    void cancellationUnconfirmed() {
        // the deadline firing is done with; the scheduler refuses to cancel a task while it runs
        cancellationDeadline = null;
        finish();
    }

    private void expect(TicketId ticketId, String station, Instant sentAt, Stage stage) {
        if (tickets.containsKey(ticketId.toString()) || cancelled) {
            return;
        }
        String deadline = deadlines.schedule(sentAt.plus(timings.ticketStartWithin()), TICKET_NOT_STARTED, ticketId);
        tickets.put(ticketId.toString(), new TicketWatch(station, sentAt, stage, deadline));
    }

    private void cookingStarted(TicketId ticketId) {
        TicketWatch ticket = known(ticketId);
        if (ticket.stage().waitsForACook()) {
            stopDeadline(ticket);
            tickets.put(ticketId.toString(), ticket.withoutDeadline().at(Stage.STARTED));
        }
    }

    private void closeTicket(TicketId ticketId, Stage closed) {
        TicketWatch ticket = known(ticketId);
        stopDeadline(ticket);
        tickets.put(ticketId.toString(), ticket.withoutDeadline().at(closed));
    }

    /** The order answers every relayed command with its status: a closed order needs nothing more from the saga. */
    private void follow(OrderStatus status) {
        if (status == OrderStatus.CLOSED) {
            finish();
        } else if (status == OrderStatus.CANCELLED && !cancelled) {
            windDown();
        }
    }

    private void windDown() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        stopAllTicketDeadlines();
        if (!endIfCancellationConfirmed()) {
            cancellationDeadline = deadlines.schedule(timings.cancellationConfirmedWithin(), CANCELLATION_UNCONFIRMED);
        }
    }

    /** Kitchen confirms when none of the order's tickets is open any more; billing when no bill is pending or open. */
    private boolean endIfCancellationConfirmed() {
        boolean kitchenConfirmed = tickets.values().stream().allMatch(t -> t.stage().isClosed());
        boolean billingConfirmed = openBill == null && !billRequested;
        if (cancelled && kitchenConfirmed && billingConfirmed) {
            finish();
            return true;
        }
        return false;
    }

    private void finish() {
        stopAllTicketDeadlines();
        stopBillDeadline();
        if (cancellationDeadline != null) {
            deadlines.cancelSchedule(CANCELLATION_UNCONFIRMED, cancellationDeadline);
            cancellationDeadline = null;
        }
        SagaLifecycle.end();
    }

    private void stopAllTicketDeadlines() {
        tickets.replaceAll((id, ticket) -> {
            stopDeadline(ticket);
            return ticket.withoutDeadline();
        });
    }

    private void stopBillDeadline() {
        if (billDeadline != null) {
            deadlines.cancelSchedule(BILL_NOT_SETTLED, billDeadline);
            billDeadline = null;
        }
    }

    private void stopDeadline(TicketWatch ticket) {
        if (ticket.startDeadline() != null) {
            deadlines.cancelSchedule(TICKET_NOT_STARTED, ticket.startDeadline());
        }
    }

    /** Kitchen news can come before the order's own send (or after the saga forgot the order): start from nothing. */
    private TicketWatch known(TicketId ticketId) {
        TicketWatch ticket = tickets.get(ticketId.toString());
        return ticket != null ? ticket : new TicketWatch(null, null, Stage.STARTED, null);
    }
}
