package io.brigade.order.saga;

import io.brigade.contracts.billing.BillAmounts;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.BillIssued;
import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.billing.BillRates;
import io.brigade.contracts.billing.BillVoided;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.kitchen.TicketItemReady;
import io.brigade.contracts.kitchen.TicketItemStarted;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.order.AttachBill;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.DetachBill;
import io.brigade.contracts.order.LineId;
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
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

class OrderFulfillmentSagaTest {

    private static final Duration START_WITHIN = Duration.ofMinutes(15);
    private static final Duration CONFIRM_WITHIN = Duration.ofMinutes(10);
    private static final Duration SETTLE_WITHIN = Duration.ofMinutes(30);

    private final OrderId order = OrderId.random();
    private final TableId table = TableId.random();
    private final LineId steak = LineId.random();
    private final LineId burger = LineId.random();
    private final LineId lemonade = LineId.random();
    private final TicketId grill = TicketId.forSend(order, 1, "grill");
    private final TicketId bar = TicketId.forSend(order, 1, "bar");
    private final BillId bill = BillId.random();

    private SagaTestFixture<OrderFulfillmentSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(OrderFulfillmentSaga.class);
        fixture.registerResource(new FulfillmentTimings(START_WITHIN, CONFIRM_WITHIN, SETTLE_WITHIN));
    }

    private OrderLinesSent sentToGrillAndBar() {
        return new OrderLinesSent(order, 1, table, 4, null, List.of(
                sentLine(steak, "Ribeye steak", "grill"), sentLine(burger, "Brigade burger", "Grill"),
                sentLine(lemonade, "House lemonade", "bar")));
    }

    private static SentLine sentLine(LineId id, String name, String station) {
        return new SentLine(id, MenuItemId.random(), name, station, 1, List.of(), null, null, null, List.of());
    }

    private TicketCreated grillTicket() {
        return new TicketCreated(grill, order, 1, 4, "grill", List.of(item(steak), item(burger)));
    }

    private TicketCreated barTicket() {
        return new TicketCreated(bar, order, 1, 4, "bar", List.of(item(lemonade)));
    }

    private static TicketItem item(LineId id) {
        return new TicketItem(id, MenuItemId.random(), "dish", 1, List.of(), null, null, null, List.of());
    }

    @Test
    void givenNoSaga_whenLinesFirstSent_thenSagaStartsForTheOrder() {
        fixture.givenNoPriorActivity()
                .whenAggregate(order.toString()).publishes(sentToGrillAndBar())
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", order)
                .expectNoDispatchedCommands();
    }

    @Test
    void givenLinesSent_whenTheKitchenCreatesTheTickets_thenNothingIsDispatched() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .whenPublishingA(grillTicket())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
    }

    @Test
    void givenTicketCreatedArrivedBeforeTheSend_whenTheSendArrives_thenOneSagaAndNoSecondDeadlineForThatTicket() {
        fixture.givenAPublished(grillTicket())
                .whenAggregate(order.toString()).publishes(sentToGrillAndBar())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();
        fixture.whenTimeElapses(START_WITHIN)
                .expectDispatchedCommands(
                        new ReportKitchenDelay(order, grill, "grill", fixture.currentTime().minus(START_WITHIN)),
                        new ReportKitchenDelay(order, bar, "bar", fixture.currentTime().minus(START_WITHIN)));
    }

    @Test
    void givenTicketQueued_whenACookStartsAnItem_thenTheLineIsCookingAndTheTicketIsNoLongerWatched() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .whenPublishingA(new TicketItemStarted(grill, order, steak))
                .expectDispatchedCommands(new MarkLinesCooking(order, List.of(steak)));
    }

    @Test
    void givenTicketQueued_whenAnItemIsReadyWithoutAStart_thenTheLineIsReady() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .whenPublishingA(new TicketItemReady(grill, order, burger))
                .expectDispatchedCommands(new MarkLinesReady(order, List.of(burger)));
    }

    @Test
    void givenTicketStarted_whenBumped_thenEveryLineOfTheTicketIsReady() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(new TicketItemStarted(grill, order, steak))
                .whenPublishingA(new TicketBumped(grill, order, List.of(steak, burger)))
                .expectDispatchedCommands(new MarkLinesReady(order, List.of(steak, burger)));
    }

    @Test
    void givenTicketBumped_whenRecalled_thenItsLinesGoBackToTheKitchen() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(new TicketBumped(grill, order, List.of(steak, burger)))
                .whenPublishingA(new TicketRecalled(grill, order, List.of(steak, burger)))
                .expectDispatchedCommands(new ReopenLines(order, List.of(steak, burger)));
    }

    @Test
    void givenTicketsNobodyStarted_whenTheStartDeadlinePasses_thenTheOrderReportsAKitchenDelayPerTicket() {
        Instant sentAt = fixture.currentTime();
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .whenTimeElapses(START_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.TICKET_NOT_STARTED,
                        OrderFulfillmentSaga.TICKET_NOT_STARTED)
                .expectDispatchedCommands(new ReportKitchenDelay(order, grill, "grill", sentAt),
                        new ReportKitchenDelay(order, bar, "bar", sentAt));
    }

    @Test
    void givenOneTicketStartedAndTheOtherNot_whenTheStartDeadlinePasses_thenOnlyTheOtherIsReported() {
        Instant sentAt = fixture.currentTime();
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(new TicketItemStarted(grill, order, steak))
                .whenTimeElapses(START_WITHIN.plusSeconds(1))
                .expectDispatchedCommands(new ReportKitchenDelay(order, bar, "bar", sentAt));
    }

    @Test
    void givenTheKitchenServiceWasDown_whenTheTicketsAppearAfterTheDeadline_thenTheDelayWasReportedOnce() throws Exception {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenTimeElapses(START_WITHIN.plusMinutes(5))
                .andThenAPublished(grillTicket())
                .whenPublishingA(new TicketItemStarted(grill, order, steak))
                .expectDispatchedCommands(new MarkLinesCooking(order, List.of(steak)));
    }

    @Test
    void givenOrderSent_whenBillIssued_thenTheBillIsAttached() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .whenPublishingA(billIssued(5400))
                .expectDispatchedCommands(new AttachBill(order, bill));
    }

    @Test
    void givenBillIssued_whenBillVoided_thenTheBillIsDetached() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(billIssued(5400))
                .whenPublishingA(new BillVoided(bill, order, "wrong table"))
                .expectActiveSagas(1)
                .expectDispatchedCommands(new DetachBill(order, bill));
    }

    @Test
    void givenBillIssued_whenBillPaid_thenTheSagaEndsAndLeavesClosingToThePaidBillPolicy() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(billIssued(5400))
                .whenPublishingA(new BillPaid(bill, order))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenBillIssued_whenItStaysUnpaidPastTheLimit_thenTheOrderReportsItOverdue() throws Exception {
        Instant issuedAt = fixture.currentTime();
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(billIssued(5400))
                .whenTimeElapses(SETTLE_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.TICKET_NOT_STARTED,
                        OrderFulfillmentSaga.TICKET_NOT_STARTED, OrderFulfillmentSaga.BILL_NOT_SETTLED)
                .expectDispatchedCommands(new ReportKitchenDelay(order, grill, "grill", issuedAt),
                        new ReportKitchenDelay(order, bar, "bar", issuedAt),
                        new ReportBillOverdue(order, bill, issuedAt))
                .expectActiveSagas(1);
    }

    @Test
    void givenBillIssued_whenItIsPaidInTime_thenNothingIsOverdue() throws Exception {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(billIssued(5400))
                .andThenTimeElapses(SETTLE_WITHIN.minusMinutes(1))
                .whenPublishingA(new BillPaid(bill, order))
                .expectNoScheduledDeadlineWithName(Duration.ofMinutes(1), OrderFulfillmentSaga.BILL_NOT_SETTLED);
    }

    @Test
    void givenBillIssued_whenItIsVoided_thenItCannotBecomeOverdue() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(billIssued(5400))
                .whenPublishingA(new BillVoided(bill, order, "wrong table"))
                .expectNoScheduledDeadlineWithName(SETTLE_WITHIN, OrderFulfillmentSaga.BILL_NOT_SETTLED);
    }

    @Test
    void givenABillReplacedByALaterOne_whenTheLimitsPass_thenOnlyTheLaterBillIsReported() throws Exception {
        BillId later = BillId.random();
        fixture.givenAPublished(billIssued(5400))
                .andThenTimeElapses(Duration.ofMinutes(20));
        Instant laterIssuedAt = fixture.currentTime();
        fixture.givenAPublished(billIssued(later, 6200))
                .andThenAPublished(new BillVoided(bill, order, "Superseded by bill request 2"))
                .whenTimeElapses(SETTLE_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.BILL_NOT_SETTLED)
                .expectDispatchedCommands(new ReportBillOverdue(order, later, laterIssuedAt));
    }

    @Test
    void givenBillIssued_whenTheSameBillIsRedelivered_thenItIsWatchedOnce() throws Exception {
        Instant issuedAt = fixture.currentTime();
        fixture.givenAPublished(billIssued(5400))
                .andThenTimeElapses(Duration.ofMinutes(10))
                .andThenAPublished(billIssued(5400))
                .whenTimeElapses(SETTLE_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.BILL_NOT_SETTLED)
                .expectDispatchedCommands(new ReportBillOverdue(order, bill, issuedAt));
    }

    @Test
    void givenSaga_whenOrderClosed_thenTheSagaEndsWithoutDeadlines() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .whenAggregate(order.toString()).publishes(new OrderClosed(order, table, bill))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenOpenTickets_whenOrderCancelled_thenTheSagaWaitsForTheKitchenWithoutReportingDelays() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .whenAggregate(order.toString()).publishes(new OrderCancelled(order, table, "guests left"))
                .expectActiveSagas(1)
                .expectNoScheduledDeadlineWithName(START_WITHIN, OrderFulfillmentSaga.TICKET_NOT_STARTED)
                .expectScheduledDeadlineWithName(CONFIRM_WITHIN, OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED);
    }

    @Test
    void givenCancelledOrder_whenTheKitchenVoidsTheLastOpenTicket_thenTheSagaEnds() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(barTicket())
                .andThenAPublished(new TicketBumped(bar, order, List.of(lemonade)))
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "guests left"))
                .whenPublishingA(new TicketVoided(grill, order, "Order cancelled: guests left"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenTicketNotCreatedYet_whenOrderCancelled_thenTheSagaWaitsForTheKitchenToVoidIt() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(new TicketVoided(grill, order, "Every item was voided"))
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "guests left"))
                .whenPublishingA(barTicket())
                .expectActiveSagas(1);
    }

    @Test
    void givenEveryTicketDone_whenOrderCancelled_thenTheSagaEndsAtOnce() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(new TicketBumped(grill, order, List.of(steak, burger)))
                .andThenAPublished(new TicketBumped(bar, order, List.of(lemonade)))
                .whenAggregate(order.toString()).publishes(new OrderCancelled(order, table, "walked out"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void givenCancelledOrderWithAnOpenBill_whenTheKitchenConfirms_thenTheSagaWaitsForBilling() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(new TicketBumped(grill, order, List.of(steak, burger)))
                .andThenAPublished(new TicketVoided(bar, order, "Order cancelled"))
                .andThenAggregate(order.toString()).published(
                        new BillRequested(order, 1, table, 4, List.of(), Money.ofCents(3000)))
                .andThenAPublished(billIssued(3000))
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "dispute"))
                .whenPublishingA(new BillVoided(bill, order, "Order cancelled"))
                .expectDispatchedCommands(new DetachBill(order, bill))
                .expectActiveSagas(0);
    }

    @Test
    void givenCancelledOrderWithABillRequestedButNotIssued_whenTheKitchenConfirms_thenTheSagaKeepsWaiting() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar(),
                        new BillRequested(order, 1, table, 4, List.of(), Money.ofCents(3000)))
                .andThenAPublished(new TicketBumped(grill, order, List.of(steak, burger)))
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "dispute"))
                .whenPublishingA(new TicketVoided(bar, order, "Order cancelled"))
                .expectActiveSagas(1);
    }

    @Test
    void givenCancelledOrderTheKitchenNeverConfirms_whenTheCancellationDeadlinePasses_thenTheSagaEnds() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "guests left"))
                .whenTimeElapses(CONFIRM_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void givenCancelledOrderWithAnOpenBill_whenTheCancellationDeadlineFires_thenItFiresOnceAndTheSagaEndsWithNothingLeftScheduled() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(billIssued(3000))
                .andThenAggregate(order.toString()).published(new OrderCancelled(order, table, "guests left"))
                .whenTimeElapses(CONFIRM_WITHIN.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED)
                .expectNoScheduledDeadlines()
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
        fixture.whenTimeElapses(SETTLE_WITHIN)
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED)
                .expectActiveSagas(0);
    }

    @Test
    void givenNoSaga_whenATicketEventOtherThanItsCreationArrives_thenNoSagaStarts() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(new TicketVoided(grill, order, "Order cancelled"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void givenTheOrderClosed_whenItsTicketCreationIsRedelivered_thenTheSagaEndsAgainAtTheStartDeadline() {
        fixture.setCallbackBehavior((command, metaData) -> OrderStatus.CLOSED);
        fixture.givenNoPriorActivity()
                .whenPublishingA(grillTicket())
                .expectActiveSagas(1);
        fixture.whenTimeElapses(START_WITHIN.plusSeconds(1))
                .expectDispatchedCommands(new ReportKitchenDelay(order, grill, "grill",
                        fixture.currentTime().minus(START_WITHIN.plusSeconds(1))))
                .expectActiveSagas(0);
    }

    @Test
    void givenTheOrderClosed_whenItsBillIssuedIsRedelivered_thenTheOrderSaysClosedAndTheSagaEnds() {
        fixture.setCallbackBehavior((command, metaData) -> OrderStatus.CLOSED);
        fixture.givenNoPriorActivity()
                .whenPublishingA(billIssued(5400))
                .expectDispatchedCommands(new AttachBill(order, bill))
                .expectActiveSagas(0);
    }

    @Test
    void givenTheOrderWasCancelled_whenATicketOfItIsCreatedLate_thenTheSagaWaitsForTheKitchenUntilItsDeadline() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> OrderStatus.CANCELLED);
        fixture.givenAPublished(grillTicket())
                .whenTimeElapses(START_WITHIN.plusSeconds(1))
                .expectActiveSagas(1);
        fixture.whenTimeElapses(CONFIRM_WITHIN)
                .expectTriggeredDeadlinesWithName(OrderFulfillmentSaga.TICKET_NOT_STARTED,
                        OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED)
                .expectActiveSagas(0);
    }

    @Test
    void givenItemStarted_whenTheSameStartIsRedelivered_thenTheSameIdempotentCommandAndNoNewDeadline() {
        fixture.givenAggregate(order.toString()).published(sentToGrillAndBar())
                .andThenAPublished(grillTicket())
                .andThenAPublished(new TicketItemStarted(grill, order, steak))
                .whenPublishingA(new TicketItemStarted(grill, order, steak))
                .expectDispatchedCommands(new MarkLinesCooking(order, List.of(steak)))
                .expectNoScheduledDeadlineWithName(START_WITHIN, OrderFulfillmentSaga.CANCELLATION_UNCONFIRMED);
    }

    /** A bill of one line as billing issues it; the saga reads only its bill and order ids. */
    private BillIssued billIssued(long totalCents) {
        return billIssued(bill, totalCents);
    }

    private BillIssued billIssued(BillId billId, long totalCents) {
        Money total = Money.ofCents(totalCents);
        return new BillIssued(billId, order, 1, 4,
                List.of(new BilledLine(steak, MenuItemId.random(), "Ribeye steak", 1, total, total, 1)),
                new BillRates("EUR", BigDecimal.TEN, BigDecimal.ZERO),
                new BillAmounts(total, Money.ZERO, Money.ZERO, Money.ofCents(totalCents * 10 / 110), total));
    }
}
