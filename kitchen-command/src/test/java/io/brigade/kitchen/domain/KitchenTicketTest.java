package io.brigade.kitchen.domain;

import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.kitchen.BumpTicket;
import io.brigade.contracts.kitchen.CreateTicket;
import io.brigade.contracts.kitchen.MarkTicketItemReady;
import io.brigade.contracts.kitchen.RecallTicket;
import io.brigade.contracts.kitchen.StartTicketItem;
import io.brigade.contracts.kitchen.StrikeTicketItem;
import io.brigade.contracts.kitchen.TicketBumped;
import io.brigade.contracts.kitchen.TicketCreated;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.kitchen.TicketItem;
import io.brigade.contracts.kitchen.TicketItemReady;
import io.brigade.contracts.kitchen.TicketItemStarted;
import io.brigade.contracts.kitchen.TicketItemVoided;
import io.brigade.contracts.kitchen.TicketRecalled;
import io.brigade.contracts.kitchen.TicketVoided;
import io.brigade.contracts.kitchen.VoidTicket;
import io.brigade.contracts.order.LineId;
import io.brigade.contracts.order.OrderId;
import io.brigade.platform.problem.ConflictException;
import io.brigade.platform.problem.InvalidInputException;
import io.brigade.platform.problem.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class KitchenTicketTest {

    private static final OrderId ORDER = OrderId.random();
    private static final TicketId TICKET = TicketId.forSend(ORDER, 1, "grill");
    private static final LineId STEAK = LineId.random();
    private static final LineId BURGER = LineId.random();
    private static final List<TicketItem> ITEMS = List.of(
            new TicketItem(STEAK, MenuItemId.random(), "Ribeye steak", 1, List.of("medium rare"), 1, 2, "no salt",
                    List.of("mustard")),
            new TicketItem(BURGER, MenuItemId.random(), "Burger", 2, List.of(), 2, 2, null, List.of("gluten")));
    private static final TicketCreated CREATED = new TicketCreated(TICKET, ORDER, 1, 4, "grill", ITEMS);

    private AggregateTestFixture<KitchenTicket> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(KitchenTicket.class);
    }

    @Test
    void givenNoTicket_whenCreate_thenTicketCreatedWithEveryItemAndTheStationInLowerCase() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(TICKET, ORDER, 1, 4, " Grill", ITEMS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(CREATED);
    }

    @Test
    void givenTicket_whenCreatedAgain_thenNothingHappens() {
        fixture.given(CREATED)
                .when(new CreateTicket(TICKET, ORDER, 1, 4, "grill", ITEMS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenNoTicket_whenCreateWithoutItems_thenInvalid() {
        fixture.givenNoPriorActivity()
                .when(new CreateTicket(TICKET, ORDER, 1, 4, "grill", List.of()))
                .expectException(InvalidInputException.class)
                .expectNoEvents();
    }

    @Test
    void givenQueuedItem_whenStart_thenItemStarted() {
        fixture.given(CREATED)
                .when(new StartTicketItem(TICKET, STEAK))
                .expectEvents(new TicketItemStarted(TICKET, ORDER, STEAK));
    }

    @Test
    void givenCookingItem_whenStartedAgain_thenNothingHappens() {
        fixture.given(CREATED, new TicketItemStarted(TICKET, ORDER, STEAK))
                .when(new StartTicketItem(TICKET, STEAK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenReadyItem_whenStart_thenConflict() {
        fixture.given(CREATED, new TicketItemReady(TICKET, ORDER, STEAK))
                .when(new StartTicketItem(TICKET, STEAK))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenVoidedItem_whenStart_thenConflict() {
        fixture.given(CREATED, new TicketItemVoided(TICKET, ORDER, STEAK, "guest left"))
                .when(new StartTicketItem(TICKET, STEAK))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenTicket_whenStartAnItemNotOnIt_thenNotFound() {
        fixture.given(CREATED)
                .when(new StartTicketItem(TICKET, LineId.random()))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void givenBumpedTicket_whenStartAnItem_thenConflict() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)),
                        new TicketRecalled(TICKET, ORDER, List.of(STEAK, BURGER)),
                        new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)))
                .when(new StartTicketItem(TICKET, STEAK))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenQueuedItem_whenReady_thenItemReadyWithoutHavingBeenStarted() {
        fixture.given(CREATED)
                .when(new MarkTicketItemReady(TICKET, BURGER))
                .expectEvents(new TicketItemReady(TICKET, ORDER, BURGER));
    }

    @Test
    void givenCookingItem_whenReady_thenItemReady() {
        fixture.given(CREATED, new TicketItemStarted(TICKET, ORDER, STEAK))
                .when(new MarkTicketItemReady(TICKET, STEAK))
                .expectEvents(new TicketItemReady(TICKET, ORDER, STEAK));
    }

    @Test
    void givenReadyItem_whenReadyAgain_thenNothingHappens() {
        fixture.given(CREATED, new TicketItemReady(TICKET, ORDER, STEAK))
                .when(new MarkTicketItemReady(TICKET, STEAK))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenVoidedItem_whenReady_thenConflict() {
        fixture.given(CREATED, new TicketItemVoided(TICKET, ORDER, STEAK, "guest left"))
                .when(new MarkTicketItemReady(TICKET, STEAK))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenVoidedTicket_whenReady_thenConflict() {
        fixture.given(CREATED, new TicketVoided(TICKET, ORDER, "Order cancelled"))
                .when(new MarkTicketItemReady(TICKET, STEAK))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenOpenTicket_whenBump_thenEveryItemNotVoidedIsReadyAndTheTicketDone() {
        fixture.given(CREATED, new TicketItemReady(TICKET, ORDER, STEAK),
                        new TicketItemVoided(TICKET, ORDER, BURGER, "wrong table"))
                .when(new BumpTicket(TICKET))
                .expectEvents(new TicketBumped(TICKET, ORDER, List.of(STEAK)));
    }

    @Test
    void givenBumpedTicket_whenBumpedAgain_thenNothingHappens() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)))
                .when(new BumpTicket(TICKET))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenVoidedTicket_whenBump_thenConflict() {
        fixture.given(CREATED, new TicketVoided(TICKET, ORDER, "Order cancelled"))
                .when(new BumpTicket(TICKET))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenBumpedTicket_whenRecall_thenTicketOpenWithItsItemsCookingAgain() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)))
                .when(new RecallTicket(TICKET))
                .expectEvents(new TicketRecalled(TICKET, ORDER, List.of(STEAK, BURGER)));
    }

    @Test
    void givenRecalledTicket_whenItemReadyAndBumped_thenDoneAgain() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)),
                        new TicketRecalled(TICKET, ORDER, List.of(STEAK, BURGER)))
                .when(new MarkTicketItemReady(TICKET, STEAK))
                .expectEvents(new TicketItemReady(TICKET, ORDER, STEAK));
    }

    @Test
    void givenOpenTicket_whenRecall_thenConflict() {
        fixture.given(CREATED)
                .when(new RecallTicket(TICKET))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenVoidedTicket_whenRecall_thenConflict() {
        fixture.given(CREATED, new TicketVoided(TICKET, ORDER, "Order cancelled"))
                .when(new RecallTicket(TICKET))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void givenOpenTicket_whenStrikeOneItem_thenItemVoidedAndTicketStillOpen() {
        fixture.given(CREATED)
                .when(new StrikeTicketItem(TICKET, STEAK, "guest changed their mind"))
                .expectEvents(new TicketItemVoided(TICKET, ORDER, STEAK, "guest changed their mind"));
    }

    @Test
    void givenOneItemLeft_whenStrikeIt_thenTicketVoidedAsDone() {
        fixture.given(CREATED, new TicketItemVoided(TICKET, ORDER, STEAK, "guest changed their mind"))
                .when(new StrikeTicketItem(TICKET, BURGER, "guest left"))
                .expectEvents(new TicketItemVoided(TICKET, ORDER, BURGER, "guest left"),
                        new TicketVoided(TICKET, ORDER, "Every item was voided"));
    }

    @Test
    void givenStruckItem_whenStruckAgain_thenNothingHappens() {
        fixture.given(CREATED, new TicketItemVoided(TICKET, ORDER, STEAK, "guest changed their mind"))
                .when(new StrikeTicketItem(TICKET, STEAK, "again"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenBumpedTicket_whenStrikeItsLastItems_thenItemsVoidedButTicketStaysDone() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)),
                        new TicketItemVoided(TICKET, ORDER, STEAK, "sent back"))
                .when(new StrikeTicketItem(TICKET, BURGER, "sent back"))
                .expectEvents(new TicketItemVoided(TICKET, ORDER, BURGER, "sent back"));
    }

    @Test
    void givenOpenTicket_whenVoid_thenTicketVoided() {
        fixture.given(CREATED, new TicketItemStarted(TICKET, ORDER, STEAK))
                .when(new VoidTicket(TICKET, "Order cancelled: guests left"))
                .expectEvents(new TicketVoided(TICKET, ORDER, "Order cancelled: guests left"));
    }

    @Test
    void givenBumpedTicket_whenVoid_thenItStaysDone() {
        fixture.given(CREATED, new TicketBumped(TICKET, ORDER, List.of(STEAK, BURGER)))
                .when(new VoidTicket(TICKET, "Order cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void givenVoidedTicket_whenVoidedAgain_thenNothingHappens() {
        fixture.given(CREATED, new TicketVoided(TICKET, ORDER, "Order cancelled"))
                .when(new VoidTicket(TICKET, "Order cancelled"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
