package io.brigade.order.domain;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.ModifierId;
import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;
import io.brigade.contracts.order.AddOrderLine;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.CancelOrder;
import io.brigade.contracts.order.ChosenModifier;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OpenOrder;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.contracts.order.OrderId;
import io.brigade.contracts.order.OrderLineAdded;
import io.brigade.contracts.order.OrderLineRemoved;
import io.brigade.contracts.order.OrderLineVoided;
import io.brigade.contracts.order.OrderLinesSent;
import io.brigade.contracts.order.OrderOpened;
import io.brigade.contracts.order.OrderTransferred;
import io.brigade.contracts.order.RemoveOrderLine;
import io.brigade.contracts.order.RequestBill;
import io.brigade.contracts.order.SendOrderLines;
import io.brigade.contracts.order.SentLine;
import io.brigade.contracts.order.ServeOrderLines;
import io.brigade.contracts.order.TransferOrder;
import io.brigade.contracts.order.VoidOrderLine;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.ForbiddenException;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import io.brigade.platform.problem.RefusedException;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

class OrderTest {

    static final OrderId ORDER = OrderId.random();
    static final TableId TABLE_3 = TableId.random();
    static final TableId TABLE_4 = TableId.random();
    static final TableId NO_TABLE = TableId.random();
    static final LineId STEAK_LINE = LineId.random();
    static final LineId WINE_LINE = LineId.random();
    static final ModifierId BEARNAISE = ModifierId.random();
    static final Menu.Item STEAK = new Menu.Item(MenuItemId.random(), "Ribeye", Money.ofCents(3200), "grill",
            List.of("milk"), List.of(new MenuModifier(BEARNAISE, "Béarnaise", Money.ofCents(250))), true, false);
    static final Menu.Item WINE = new Menu.Item(MenuItemId.random(), "Red wine", Money.ofCents(750), "bar",
            List.of("sulphites"), List.of(), true, false);
    static final Menu.Item SOLD_OUT = new Menu.Item(MenuItemId.random(), "Sea bass", Money.ofCents(2400), "grill",
            List.of("fish"), List.of(), false, false);

    final InMemoryFloorPlan floor = new InMemoryFloorPlan();
    AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
        fixture.registerInjectableResource(floor);
        fixture.registerInjectableResource((Menu) id -> List.of(STEAK, WINE, SOLD_OUT).stream()
                .filter(item -> item.id().equals(id)).findFirst());
        floor.tables.put(TABLE_3, 3);
        floor.tables.put(TABLE_4, 4);
    }

    static OrderOpened opened() {
        return new OrderOpened(ORDER, TABLE_3, 3, 2);
    }

    static OrderLineAdded steakAdded() {
        return new OrderLineAdded(ORDER, STEAK_LINE, STEAK.id(), "Ribeye", "grill", 1,
                List.of(new ChosenModifier(BEARNAISE, "Béarnaise", Money.ofCents(250))), Money.ofCents(3450), 1, 2,
                "medium rare", List.of("milk"));
    }

    static OrderLineAdded wineAdded() {
        return new OrderLineAdded(ORDER, WINE_LINE, WINE.id(), "Red wine", "bar", 2, List.of(), Money.ofCents(750),
                null, 1, null, List.of("sulphites"));
    }

    static OrderLinesSent bothSent() {
        return new OrderLinesSent(ORDER, 1, TABLE_3, 3, null, List.of(
                new SentLine(STEAK_LINE, STEAK.id(), "Ribeye", "grill", 1, List.of("Béarnaise"), 1, 2, "medium rare",
                        List.of("milk")),
                new SentLine(WINE_LINE, WINE.id(), "Red wine", "bar", 2, List.of(), null, 1, null,
                        List.of("sulphites"))));
    }

    static AddOrderLine addSteak() {
        return new AddOrderLine(ORDER, STEAK_LINE, STEAK.id(), 1, List.of(BEARNAISE), 1, 2, "medium rare");
    }

    @Nested
    @DisplayName("Opening an order")
    class Opening {

        @Test
        void givenAFreeTable_whenOpen_thenOrderOpenedWithTheTableNumber() {
            fixture.givenNoPriorActivity()
                    .when(new OpenOrder(ORDER, TABLE_3, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(opened());
        }

        @Test
        void givenATableWithAnOpenOrder_whenOpen_thenConflictAndNoEvent() {
            floor.occupied.put(TABLE_3, OrderId.random());
            fixture.givenNoPriorActivity()
                    .when(new OpenOrder(ORDER, TABLE_3, 2))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAnUnknownTable_whenOpen_thenInvalidInput() {
            fixture.givenNoPriorActivity()
                    .when(new OpenOrder(ORDER, NO_TABLE, 2))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenNoGuests_whenOpen_thenInvalidInput() {
            fixture.givenNoPriorActivity()
                    .when(new OpenOrder(ORDER, TABLE_3, 0))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenTheSameOrderAlreadyOpened_whenTheSameOpenIsRetried_thenSuccessWithoutANewEvent() {
            fixture.given(opened())
                    .when(new OpenOrder(ORDER, TABLE_3, 2))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenTheSameOrderAlreadyOpened_whenOpenIsRetriedWithOtherDetails_thenConflict() {
            fixture.given(opened())
                    .when(new OpenOrder(ORDER, TABLE_3, 5))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Adding lines")
    class Adding {

        @Test
        void givenAnOpenOrder_whenAddLineWithModifier_thenPriceIsFixedFromTheMenuIncludingTheModifier() {
            fixture.given(opened())
                    .when(addSteak())
                    .expectEvents(steakAdded());
        }

        @Test
        void givenTheLineWasAdded_whenTheSameAddIsRetried_thenSuccessWithoutANewEvent() {
            fixture.given(opened(), steakAdded())
                    .when(addSteak())
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenTheLineWasAdded_whenTheSameLineIdComesWithOtherDetails_thenConflict() {
            fixture.given(opened(), steakAdded())
                    .when(new AddOrderLine(ORDER, STEAK_LINE, STEAK.id(), 2, List.of(BEARNAISE), 1, 2, "medium rare"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAn86dItem_whenAddLine_thenRefused() {
            fixture.given(opened())
                    .when(new AddOrderLine(ORDER, LineId.random(), SOLD_OUT.id(), 1, List.of(), null, null, null))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAnUnknownMenuItem_whenAddLine_thenInvalidInput() {
            fixture.given(opened())
                    .when(new AddOrderLine(ORDER, LineId.random(), MenuItemId.random(), 1, List.of(), null, null, null))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAModifierOfAnotherItem_whenAddLine_thenInvalidInput() {
            fixture.given(opened())
                    .when(new AddOrderLine(ORDER, LineId.random(), WINE.id(), 1, List.of(BEARNAISE), null, null, null))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenZeroQuantity_whenAddLine_thenInvalidInput() {
            fixture.given(opened())
                    .when(new AddOrderLine(ORDER, LineId.random(), WINE.id(), 0, List.of(), null, null, null))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }

        @Test
        void givenACancelledOrder_whenAddLine_thenConflict() {
            fixture.given(opened(), new OrderCancelled(ORDER, TABLE_3, "walked out"))
                    .when(addSteak())
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenARemovedLine_whenItsIdIsAddedAgain_thenConflict() {
            fixture.given(opened(), steakAdded(), new OrderLineRemoved(ORDER, STEAK_LINE))
                    .when(addSteak())
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Removing lines")
    class Removing {

        @Test
        void givenAnUnsentLine_whenRemove_thenLineRemoved() {
            fixture.given(opened(), steakAdded())
                    .when(new RemoveOrderLine(ORDER, STEAK_LINE))
                    .expectEvents(new OrderLineRemoved(ORDER, STEAK_LINE));
        }

        @Test
        void givenARemovedLine_whenRemoveIsRetried_thenSuccessWithoutANewEvent() {
            fixture.given(opened(), steakAdded(), new OrderLineRemoved(ORDER, STEAK_LINE))
                    .when(new RemoveOrderLine(ORDER, STEAK_LINE))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenASentLine_whenRemove_thenConflict() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new RemoveOrderLine(ORDER, STEAK_LINE))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAnUnknownLine_whenRemove_thenNotFound() {
            fixture.given(opened())
                    .when(new RemoveOrderLine(ORDER, LineId.random()))
                    .expectException(NotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Sending to the kitchen")
    class Sending {

        @Test
        void givenOpenOrderWithUnsentLines_whenSend_thenLinesSentWithStationsAndEverythingTheKitchenNeeds() {
            fixture.given(opened(), steakAdded(), wineAdded())
                    .when(new SendOrderLines(ORDER, null))
                    .expectResultMessagePayload(2)
                    .expectEvents(bothSent());
        }

        @Test
        void givenLinesOfTwoCourses_whenSendOneCourse_thenOnlyThatCourseIsSent() {
            fixture.given(opened(), steakAdded(), wineAdded())
                    .when(new SendOrderLines(ORDER, 2))
                    .expectResultMessagePayload(1)
                    .expectEvents(new OrderLinesSent(ORDER, 1, TABLE_3, 3, 2, List.of(
                            new SentLine(STEAK_LINE, STEAK.id(), "Ribeye", "grill", 1, List.of("Béarnaise"), 1, 2,
                                    "medium rare", List.of("milk")))));
        }

        @Test
        void givenEverythingWasSent_whenSendAgain_thenNothingIsSentAndNoEvent() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new SendOrderLines(ORDER, null))
                    .expectResultMessagePayload(0)
                    .expectNoEvents();
        }

        @Test
        void givenASecondSend_whenSend_thenItCarriesTheNextSendNumber() {
            LineId dessert = LineId.random();
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent(),
                            new OrderLineAdded(ORDER, dessert, WINE.id(), "Red wine", "bar", 1, List.of(),
                                    Money.ofCents(750), null, null, null, List.of()))
                    .when(new SendOrderLines(ORDER, null))
                    .expectEvents(new OrderLinesSent(ORDER, 2, TABLE_3, 3, null, List.of(
                            new SentLine(dessert, WINE.id(), "Red wine", "bar", 1, List.of(), null, null, null,
                                    List.of()))));
        }

        @Test
        void givenAMovedOrder_whenSend_thenTheKitchenSeesTheNewTable() {
            fixture.given(opened(), wineAdded(), new OrderTransferred(ORDER, TABLE_3, TABLE_4, 4))
                    .when(new SendOrderLines(ORDER, null))
                    .expectEvents(new OrderLinesSent(ORDER, 1, TABLE_4, 4, null, List.of(
                            new SentLine(WINE_LINE, WINE.id(), "Red wine", "bar", 2, List.of(), null, 1, null,
                                    List.of("sulphites")))));
        }
    }

    @Nested
    @DisplayName("Voiding sent lines")
    class Voiding {

        @Test
        void givenASentLine_whenVoid_thenLineVoidedForItsStationAndSend() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "sent to the wrong table"))
                    .expectEvents(new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "sent to the wrong table"));
        }

        @Test
        void givenAnUnsentLine_whenVoid_thenConflict() {
            fixture.given(opened(), steakAdded())
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "changed mind"))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAVoidedLine_whenVoidIsRetried_thenSuccessWithoutANewEvent() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent(),
                            new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "burnt"))
                    .when(new VoidOrderLine(ORDER, STEAK_LINE, "burnt"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenAnUnknownLine_whenVoid_thenNotFound() {
            fixture.given(opened())
                    .when(new VoidOrderLine(ORDER, LineId.random(), "no such line"))
                    .expectException(NotFoundException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Serving")
    class Serving {

        @Test
        void givenNoReadyLine_whenServe_thenConflict() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new ServeOrderLines(ORDER, List.of()))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenASentButNotReadyLine_whenServeIt_thenConflict() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new ServeOrderLines(ORDER, List.of(STEAK_LINE)))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenALineOfAnotherOrder_whenServeIt_thenInvalidInput() {
            fixture.given(opened(), steakAdded())
                    .when(new ServeOrderLines(ORDER, List.of(LineId.random())))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Moving to another table")
    class Transferring {

        @Test
        void givenAFreeTable_whenTransfer_thenOrderTransferred() {
            fixture.given(opened())
                    .when(new TransferOrder(ORDER, TABLE_4))
                    .expectEvents(new OrderTransferred(ORDER, TABLE_3, TABLE_4, 4));
        }

        @Test
        void givenTheSameTable_whenTransfer_thenNothingHappens() {
            fixture.given(opened())
                    .when(new TransferOrder(ORDER, TABLE_3))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenAnOccupiedTable_whenTransfer_thenConflict() {
            floor.occupied.put(TABLE_4, OrderId.random());
            fixture.given(opened())
                    .when(new TransferOrder(ORDER, TABLE_4))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void givenAnUnknownTable_whenTransfer_thenInvalidInput() {
            fixture.given(opened())
                    .when(new TransferOrder(ORDER, NO_TABLE))
                    .expectException(InvalidInputException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("Asking for the bill")
    class Billing {

        @Test
        void givenSentLinesWithOneVoided_whenRequestBill_thenBillRequestedWithoutTheVoidedLine() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent(),
                            new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "burnt"))
                    .when(new RequestBill(ORDER))
                    .expectEvents(new BillRequested(ORDER, 1, TABLE_3, 3, List.of(
                            new BilledLine(WINE_LINE, WINE.id(), "Red wine", 2, Money.ofCents(750),
                                    Money.ofCents(1500), null)), Money.ofCents(1500)));
        }

        @Test
        void givenUnsentLines_whenRequestBill_thenRefused() {
            fixture.given(opened(), steakAdded())
                    .when(new RequestBill(ORDER))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenNoLines_whenRequestBill_thenRefused() {
            fixture.given(opened())
                    .when(new RequestBill(ORDER))
                    .expectException(RefusedException.class)
                    .expectNoEvents();
        }

        @Test
        void givenTheBillWasRequestedAndNothingChanged_whenRequestAgain_thenNoNewRequest() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent(), billRequested(1))
                    .when(new RequestBill(ORDER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenALineWasVoidedAfterTheBill_whenRequestAgain_thenANewRequestSupersedesIt() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent(), billRequested(1),
                            new OrderLineVoided(ORDER, STEAK_LINE, "grill", 1, "burnt"))
                    .when(new RequestBill(ORDER))
                    .expectEvents(new BillRequested(ORDER, 2, TABLE_3, 3, List.of(
                            new BilledLine(WINE_LINE, WINE.id(), "Red wine", 2, Money.ofCents(750),
                                    Money.ofCents(1500), null)), Money.ofCents(1500)));
        }

        private BillRequested billRequested(int number) {
            return new BillRequested(ORDER, number, TABLE_3, 3, List.of(
                    new BilledLine(STEAK_LINE, STEAK.id(), "Ribeye", 1, Money.ofCents(3450), Money.ofCents(3450), 1),
                    new BilledLine(WINE_LINE, WINE.id(), "Red wine", 2, Money.ofCents(750), Money.ofCents(1500),
                            null)), Money.ofCents(4950));
        }
    }

    @Nested
    @DisplayName("Cancelling")
    class Cancelling {

        @Test
        void givenNothingSent_whenStaffCancels_thenOrderCancelled() {
            fixture.given(opened(), steakAdded())
                    .when(new CancelOrder(ORDER, "guests left"), MetaData.with("role", "STAFF"))
                    .expectEvents(new OrderCancelled(ORDER, TABLE_3, "guests left"));
        }

        @Test
        void givenLinesSent_whenStaffCancels_thenForbidden() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new CancelOrder(ORDER, "guests left"), MetaData.with("role", "STAFF"))
                    .expectException(ForbiddenException.class)
                    .expectNoEvents();
        }

        @Test
        void givenLinesSent_whenManagerCancels_thenOrderCancelled() {
            fixture.given(opened(), steakAdded(), wineAdded(), bothSent())
                    .when(new CancelOrder(ORDER, "kitchen fire"), MetaData.with("role", "MANAGER"))
                    .expectEvents(new OrderCancelled(ORDER, TABLE_3, "kitchen fire"));
        }

        @Test
        void givenACancelledOrder_whenCancelIsRetried_thenSuccessWithoutANewEvent() {
            fixture.given(opened(), new OrderCancelled(ORDER, TABLE_3, "guests left"))
                    .when(new CancelOrder(ORDER, "guests left"), MetaData.with("role", "STAFF"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void givenACancelledOrder_whenSend_thenConflict() {
            fixture.given(opened(), steakAdded(), new OrderCancelled(ORDER, TABLE_3, "guests left"))
                    .when(new SendOrderLines(ORDER, null))
                    .expectException(ConflictException.class)
                    .expectNoEvents();
        }
    }

    /** The floor as the order service's projection would answer: which tables exist and which are taken. */
    static final class InMemoryFloorPlan implements FloorPlan {

        final Map<TableId, Integer> tables = new HashMap<>();
        final Map<TableId, OrderId> occupied = new HashMap<>();

        @Override
        public Optional<Table> table(TableId table) {
            return Optional.ofNullable(tables.get(table)).map(number -> new Table(number, occupied.get(table)));
        }
    }
}
