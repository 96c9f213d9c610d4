package io.brigade.order.domain;

import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.AttachBill;
import io.brigade.contracts.order.BillAttached;
import io.brigade.contracts.order.BillDetached;
import io.brigade.contracts.order.BillOverdue;
import io.brigade.contracts.order.CloseOrder;
import io.brigade.contracts.order.DetachBill;
import io.brigade.contracts.order.KitchenDelayed;
import io.brigade.contracts.order.MarkLinesCooking;
import io.brigade.contracts.order.MarkLinesReady;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesCooking;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesReopened;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderReady;
import io.brigade.contracts.order.ReopenLines;
import io.brigade.contracts.order.ReportBillOverdue;
import io.brigade.contracts.order.ReportKitchenDelay;
import io.brigade.contracts.order.ServeOrderLines;
import io.brigade.contracts.order.VoidOrderLine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.brigade.order.domain.OrderTest.ORDER;
import static io.brigade.order.domain.OrderTest.STEAK;
import static io.brigade.order.domain.OrderTest.STEAK_LINE;
import static io.brigade.order.domain.OrderTest.TABLE_3;
import static io.brigade.order.domain.OrderTest.WINE;
import static io.brigade.order.domain.OrderTest.WINE_LINE;
import static io.brigade.order.domain.OrderTest.bothSent;
import static io.brigade.order.domain.OrderTest.opened;
import static io.brigade.order.domain.OrderTest.steakAdded;
import static io.brigade.order.domain.OrderTest.wineAdded;

/** What the kitchen and billing did, relayed to the order by its fulfillment saga. */
class OrderKitchenProgressTest {

    static final BillId BILL = BillId.random();
    static final TicketId GRILL_TICKET = TicketId.forSend(ORDER, 1, "grill");
    static final Instant SENT_AT = Instant.parse("2026-05-01T19:30:00Z");

    AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new OrderTest.InMemoryFloorPlan());
        fixture.registerInjectableResource((Menu) id -> List.of(STEAK, WINE).stream()
                .filter(item -> item.id().equals(id)).findFirst());
    }

    private Object[] sent() {
        return new Object[]{opened(), steakAdded(), wineAdded(), bothSent()};
    }

    private Object[] sentAnd(Object... more) {
        Object[] all = new Object[4 + more.length];
        System.arraycopy(sent(), 0, all, 0, 4);
        System.arraycopy(more, 0, all, 4, more.length);
        return all;
    }

    @Nested
    @DisplayName("Lines in the kitchen")
    class Cooking {

        @Test
        void givenSentLine_whenCooking_thenLineCookingAndTheOrderStillInTheKitchen() {
            fixture.given(sent())
                    .when(new MarkLinesCooking(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesCooking(ORDER, List.of(STEAK_LINE)))
                    .expectResultMessagePayload(OrderStatus.IN_KITCHEN);
        }

        @Test
        void givenCookingLine_whenCookingAgain_thenNothingHappens() {
            fixture.given(sentAnd(new OrderLinesCooking(ORDER, List.of(STEAK_LINE))))
                    .when(new MarkLinesCooking(ORDER, List.of(STEAK_LINE)))
                    .expectNoEvents();
        }

        @Test
        void givenReadyLine_whenALateStartArrives_thenTheLineStaysReady() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(STEAK_LINE))))
                    .when(new MarkLinesCooking(ORDER, List.of(STEAK_LINE)))
                    .expectNoEvents();
        }

        @Test
        void givenOneLineOfTwoCooking_whenItIsReady_thenLineReadyButTheOrderIsNotReadyYet() {
            fixture.given(sentAnd(new OrderLinesCooking(ORDER, List.of(STEAK_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectResultMessagePayload(OrderStatus.IN_KITCHEN);
        }

        @Test
        void givenTheOtherLineReady_whenTheLastSentLineIsReady_thenTheOrderIsReady() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)), new OrderReady(ORDER))
                    .expectResultMessagePayload(OrderStatus.READY);
        }

        @Test
        void givenReadyOrder_whenReadyRedelivered_thenNothingHappens() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE, STEAK_LINE)), new OrderReady(ORDER)))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE, WINE_LINE)))
                    .expectNoEvents()
                    .expectResultMessagePayload(OrderStatus.READY);
        }

        @Test
        void givenTheOtherLineReady_whenTheLastCookingLineIsVoided_thenTheOrderIsReady() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE))))
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "guest changed their mind"))
                    .expectEvents(new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "guest changed their mind"),
                            new OrderReady(ORDER));
        }

        @Test
        void givenReadyLinesServedAlready_whenTheRestIsReady_thenTheOrderIsReady() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE)),
                            new OrderLinesServed(ORDER, List.of(WINE_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)), new OrderReady(ORDER));
        }

        @Test
        void givenALineNotOnTheOrder_whenReady_thenNothingHappens() {
            fixture.given(sent())
                    .when(new MarkLinesReady(ORDER, List.of(io.brigade.contracts.order.LineId.random())))
                    .expectNoEvents();
        }

        @Test
        void givenReadyOrder_whenTheKitchenRecallsALine_thenTheLineCooksAgainAndTheOrderIsBackInTheKitchen() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE, STEAK_LINE)), new OrderReady(ORDER)))
                    .when(new ReopenLines(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReopened(ORDER, List.of(STEAK_LINE)))
                    .expectResultMessagePayload(OrderStatus.IN_KITCHEN);
        }

        @Test
        void givenReopenedLine_whenReadyAgain_thenTheOrderIsReadyAgain() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(WINE_LINE, STEAK_LINE)), new OrderReady(ORDER),
                            new OrderLinesReopened(ORDER, List.of(STEAK_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)), new OrderReady(ORDER));
        }

        @Test
        void givenReopenedLine_whenServe_thenConflictAsItIsNotReady() {
            fixture.given(sentAnd(new OrderLinesReady(ORDER, List.of(STEAK_LINE)),
                            new OrderLinesReopened(ORDER, List.of(STEAK_LINE))))
                    .when(new ServeOrderLines(ORDER, List.of(STEAK_LINE)))
                    .expectException(io.brigade.platform.problem.ConflictException.class);
        }

        @Test
        void givenCancelledOrder_whenTheKitchenReportsProgress_thenNothingChangesAndTheOrderSaysCancelled() {
            fixture.given(sentAnd(new OrderCancelled(ORDER, TABLE_3, "guests left")))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(OrderStatus.CANCELLED);
        }
    }

    @Nested
    @DisplayName("Kitchen delays")
    class Delays {

        @Test
        void givenSentOrder_whenAKitchenDelayIsReported_thenKitchenDelayed() {
            fixture.given(sent())
                    .when(new ReportKitchenDelay(ORDER, GRILL_TICKET, "grill", SENT_AT))
                    .expectEvents(new KitchenDelayed(ORDER, GRILL_TICKET, "grill", SENT_AT));
        }

        @Test
        void givenDelayReported_whenReportedAgain_thenNothingHappens() {
            fixture.given(sentAnd(new KitchenDelayed(ORDER, GRILL_TICKET, "grill", SENT_AT)))
                    .when(new ReportKitchenDelay(ORDER, GRILL_TICKET, "grill", SENT_AT))
                    .expectNoEvents();
        }

        @Test
        void givenClosedOrder_whenADelayIsReported_thenNothingHappensAndTheOrderSaysClosed() {
            fixture.given(sentAnd(new OrderClosed(ORDER, TABLE_3, BILL)))
                    .when(new ReportKitchenDelay(ORDER, GRILL_TICKET, "grill", SENT_AT))
                    .expectNoEvents()
                    .expectResultMessagePayload(OrderStatus.CLOSED);
        }
    }

    @Nested
    @DisplayName("Bill and closing")
    class Billing {

        @Test
        void givenOrder_whenBillIssued_thenBillAttached() {
            fixture.given(sent())
                    .when(new AttachBill(ORDER, BILL))
                    .expectEvents(new BillAttached(ORDER, BILL));
        }

        @Test
        void givenBillAttached_whenAttachedAgain_thenNothingHappens() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new AttachBill(ORDER, BILL))
                    .expectNoEvents();
        }

        @Test
        void givenBillAttached_whenItIsVoided_thenBillDetached() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new DetachBill(ORDER, BILL))
                    .expectEvents(new BillDetached(ORDER, BILL));
        }

        @Test
        void givenAnotherBillAttached_whenAnOldBillIsVoided_thenNothingHappens() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new DetachBill(ORDER, BillId.random()))
                    .expectNoEvents();
        }

        @Test
        void givenBillAttached_whenPaid_thenOrderClosedWithItsTable() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new CloseOrder(ORDER, BILL))
                    .expectEvents(new OrderClosed(ORDER, TABLE_3, BILL))
                    .expectResultMessagePayload(OrderStatus.CLOSED);
        }

        @Test
        void givenBillAttached_whenReportedUnpaidTooLong_thenBillOverdue() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new ReportBillOverdue(ORDER, BILL, SENT_AT))
                    .expectEvents(new BillOverdue(ORDER, BILL, SENT_AT));
        }

        @Test
        void givenBillOverdue_whenReportedAgain_thenNothingHappens() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL), new BillOverdue(ORDER, BILL, SENT_AT)))
                    .when(new ReportBillOverdue(ORDER, BILL, SENT_AT))
                    .expectNoEvents();
        }

        @Test
        void givenAnotherBillAttached_whenAnOldBillIsReportedOverdue_thenNothingHappens() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL)))
                    .when(new ReportBillOverdue(ORDER, BillId.random(), SENT_AT))
                    .expectNoEvents();
        }

        @Test
        void givenClosedOrder_whenItsBillIsReportedOverdue_thenNothingHappensAndTheOrderSaysClosed() {
            fixture.given(sentAnd(new BillAttached(ORDER, BILL), new OrderClosed(ORDER, TABLE_3, BILL)))
                    .when(new ReportBillOverdue(ORDER, BILL, SENT_AT))
                    .expectNoEvents()
                    .expectResultMessagePayload(OrderStatus.CLOSED);
        }

        @Test
        void givenClosedOrder_whenClosedAgain_thenNothingHappens() {
            fixture.given(sentAnd(new OrderClosed(ORDER, TABLE_3, BILL)))
                    .when(new CloseOrder(ORDER, BILL))
                    .expectNoEvents();
        }

        @Test
        void givenCancelledOrder_whenABillIsPaid_thenTheOrderStaysCancelled() {
            fixture.given(sentAnd(new OrderCancelled(ORDER, TABLE_3, "dispute")))
                    .when(new CloseOrder(ORDER, BILL))
                    .expectNoEvents()
                    .expectResultMessagePayload(OrderStatus.CANCELLED);
        }

        @Test
        void givenClosedOrder_whenAWaiterAddsALine_thenConflict() {
            fixture.given(sentAnd(new OrderClosed(ORDER, TABLE_3, BILL)))
                    .when(new io.brigade.contracts.order.AddOrderLine(ORDER, io.brigade.contracts.order.LineId.random(),
                            WINE.id(), 1, List.of(), null, null, null))
                    .expectException(io.brigade.platform.problem.ConflictException.class)
                    .expectNoEvents();
        }
    }
}
