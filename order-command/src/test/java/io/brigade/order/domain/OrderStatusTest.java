package io.brigade.order.domain;

import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.CancelOrder;
import io.brigade.contracts.order.CloseOrder;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.MarkLinesCooking;
import io.brigade.contracts.order.MarkLinesReady;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderClosed;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesReady;
import io.brigade.contracts.order.OrderLinesReopened;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderLinesServed;
import io.brigade.contracts.order.OrderReady;
import io.brigade.contracts.order.OrderServed;
import io.brigade.contracts.order.ReopenLines;
import io.brigade.contracts.order.RequestBill;
import io.brigade.contracts.order.SendOrderLines;
import io.brigade.contracts.order.SentLine;
import io.brigade.contracts.order.ServeOrderLines;
import io.brigade.contracts.order.VoidOrderLine;
import io.brigade.platform.problem.ConflictException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
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

/**
 * The order's status is the aggregate's: OPEN, IN_KITCHEN, READY, SERVED, BILLED, CLOSED, CANCELLED. Each transition
 * is shown twice: the command that makes it applies the event, and an order with that event in its history stands
 * in the new status (read through a command that changes nothing and answers the status).
 */
class OrderStatusTest {

    static final BillId BILL = BillId.random();
    static final LineId DESSERT_LINE = LineId.random();

    AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(new OrderTest.InMemoryFloorPlan());
        fixture.registerInjectableResource((Menu) id -> List.of(STEAK, WINE).stream()
                .filter(item -> item.id().equals(id)).findFirst());
    }

    private void standsAt(OrderStatus status, Object... history) {
        fixture.given(history)
                .when(new MarkLinesCooking(ORDER, List.of()))
                .expectNoEvents()
                .expectResultMessagePayload(status);
    }

    private static Object[] sent(Object... more) {
        List<Object> all = new ArrayList<>(List.of(opened(), steakAdded(), wineAdded(), bothSent()));
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    private static Object[] ready(Object... more) {
        List<Object> all = new ArrayList<>(Arrays.asList(
                sent(new OrderLinesReady(ORDER, List.of(STEAK_LINE, WINE_LINE)), new OrderReady(ORDER))));
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    private static Object[] served(Object... more) {
        List<Object> all = new ArrayList<>(Arrays.asList(
                ready(new OrderLinesServed(ORDER, List.of(STEAK_LINE, WINE_LINE)), new OrderServed(ORDER))));
        all.addAll(Arrays.asList(more));
        return all.toArray();
    }

    private static BillRequested billRequested() {
        return new BillRequested(ORDER, 1, TABLE_3, 3, List.of(
                new BilledLine(STEAK_LINE, STEAK.id(), "Ribeye", 1, Money.ofCents(3450), Money.ofCents(3450), 1),
                new BilledLine(WINE_LINE, WINE.id(), "Red wine", 2, Money.ofCents(750), Money.ofCents(1500), null)),
                Money.ofCents(4950));
    }

    @Nested
    @DisplayName("From open to the kitchen")
    class OpenAndInKitchen {

        @Test
        void givenAnOpenedOrder_thenItIsOpen() {
            standsAt(OrderStatus.OPEN, opened(), steakAdded());
        }

        @Test
        void givenAnOpenOrder_whenSend_thenLinesSentAndTheOrderIsInTheKitchen() {
            fixture.given(opened(), steakAdded(), wineAdded())
                    .when(new SendOrderLines(ORDER, null))
                    .expectEvents(bothSent());
            standsAt(OrderStatus.IN_KITCHEN, sent());
        }
    }

    @Nested
    @DisplayName("Ready")
    class Ready {

        @Test
        void givenTheOtherLineReady_whenTheLastLineIsReady_thenTheOrderIsReady() {
            fixture.given(sent(new OrderLinesReady(ORDER, List.of(WINE_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)), new OrderReady(ORDER))
                    .expectResultMessagePayload(OrderStatus.READY);
            standsAt(OrderStatus.READY, ready());
        }

        @Test
        void givenAReadyOrder_whenTheKitchenRecallsALine_thenTheOrderIsBackInTheKitchen() {
            fixture.given(ready())
                    .when(new ReopenLines(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReopened(ORDER, List.of(STEAK_LINE)))
                    .expectResultMessagePayload(OrderStatus.IN_KITCHEN);
        }
    }

    @Nested
    @DisplayName("Served")
    class Served {

        @Test
        void givenAReadyOrder_whenEveryLineIsServed_thenTheOrderIsServed() {
            fixture.given(ready())
                    .when(new ServeOrderLines(ORDER, null))
                    .expectEvents(new OrderLinesServed(ORDER, List.of(STEAK_LINE, WINE_LINE)), new OrderServed(ORDER));
            standsAt(OrderStatus.SERVED, served());
        }

        @Test
        void givenAReadyOrder_whenOneLineOfTwoIsServed_thenTheOrderStaysReady() {
            fixture.given(ready())
                    .when(new ServeOrderLines(ORDER, List.of(WINE_LINE)))
                    .expectEvents(new OrderLinesServed(ORDER, List.of(WINE_LINE)));
            standsAt(OrderStatus.READY, ready(new OrderLinesServed(ORDER, List.of(WINE_LINE))));
        }

        @Test
        void givenTheWineServedWhileTheSteakCooked_whenTheSteakIsReady_thenTheOrderIsReadyNotServed() {
            fixture.given(sent(new OrderLinesReady(ORDER, List.of(WINE_LINE)),
                            new OrderLinesServed(ORDER, List.of(WINE_LINE))))
                    .when(new MarkLinesReady(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReady(ORDER, List.of(STEAK_LINE)), new OrderReady(ORDER))
                    .expectResultMessagePayload(OrderStatus.READY);
        }

        @Test
        void givenTheWineServedAndTheSteakReady_whenTheSteakIsVoided_thenTheOrderIsServed() {
            fixture.given(ready(new OrderLinesServed(ORDER, List.of(WINE_LINE))))
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "dropped on the floor"))
                    .expectEvents(new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "dropped on the floor"),
                            new OrderServed(ORDER));
        }

        @Test
        void givenTheWineServedAndTheSteakCooking_whenTheSteakIsVoided_thenTheOrderIsReadyAndServed() {
            fixture.given(sent(new OrderLinesReady(ORDER, List.of(WINE_LINE)),
                            new OrderLinesServed(ORDER, List.of(WINE_LINE))))
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "guest changed their mind"))
                    .expectEvents(new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "guest changed their mind"),
                            new OrderReady(ORDER), new OrderServed(ORDER));
        }

        @Test
        void givenAServedOrder_whenTheKitchenRecallsALine_thenTheOrderIsBackInTheKitchen() {
            fixture.given(served())
                    .when(new ReopenLines(ORDER, List.of(STEAK_LINE)))
                    .expectEvents(new OrderLinesReopened(ORDER, List.of(STEAK_LINE)))
                    .expectResultMessagePayload(OrderStatus.IN_KITCHEN);
        }

        @Test
        void givenAServedOrder_whenADessertIsSent_thenTheOrderIsBackInTheKitchen() {
            OrderLineAdded dessert = new OrderLineAdded(ORDER, DESSERT_LINE, WINE.id(), "Red wine", "bar", 1,
                    List.of(), Money.ofCents(750), null, 3, null, List.of("sulphites"));
            fixture.given(served(dessert))
                    .when(new SendOrderLines(ORDER, null))
                    .expectEvents(new OrderLinesSent(ORDER, 2, TABLE_3, 3, null, List.of(
                            new SentLine(DESSERT_LINE, WINE.id(), "Red wine", "bar", 1, List.of(), null, 3, null,
                                    List.of("sulphites")))));
            standsAt(OrderStatus.IN_KITCHEN, served(dessert, new OrderLinesSent(ORDER, 2, TABLE_3, 3, null,
                    List.of(new SentLine(DESSERT_LINE, WINE.id(), "Red wine", "bar", 1, List.of(), null, 3, null,
                            List.of("sulphites"))))));
        }
    }

    @Nested
    @DisplayName("Billed, closed, cancelled")
    class Finished {

        @Test
        void givenAServedOrder_whenTheBillIsAskedFor_thenTheOrderIsBilled() {
            fixture.given(served())
                    .when(new RequestBill(ORDER))
                    .expectEvents(billRequested());
            standsAt(OrderStatus.BILLED, served(billRequested()));
        }

        @Test
        void givenABilledOrder_whenTheBillIsPaid_thenTheOrderIsClosed() {
            fixture.given(served(billRequested()))
                    .when(new CloseOrder(ORDER, BILL))
                    .expectEvents(new OrderClosed(ORDER, TABLE_3, BILL));
            standsAt(OrderStatus.CLOSED, served(billRequested(), new OrderClosed(ORDER, TABLE_3, BILL)));
        }

        @Test
        void givenAnOpenOrder_whenCancelled_thenTheOrderIsCancelled() {
            fixture.given(opened(), steakAdded())
                    .when(new CancelOrder(ORDER, "guests left"), MetaData.with("role", "STAFF"))
                    .expectEvents(new OrderCancelled(ORDER, TABLE_3, "guests left"));
            standsAt(OrderStatus.CANCELLED, opened(), new OrderCancelled(ORDER, TABLE_3, "guests left"));
        }

        @Test
        void givenAServedOrder_whenAManagerCancels_thenTheOrderIsCancelled() {
            fixture.given(served())
                    .when(new CancelOrder(ORDER, "walked out"), MetaData.with("role", "MANAGER"))
                    .expectEvents(new OrderCancelled(ORDER, TABLE_3, "walked out"));
        }

        @Test
        void givenAClosedOrder_whenServe_thenConflict() {
            fixture.given(served(billRequested(), new OrderClosed(ORDER, TABLE_3, BILL)))
                    .when(new ServeOrderLines(ORDER, null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }
}
