package io.brigade.kitchen.domain;

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
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The lines of one send of one order for one station. Cooks start items and mark them ready (ready without a start
 * is fine, a start after ready is not), bump the ticket when it leaves the pass and recall it if it must come back.
 * Voided lines are struck; an open ticket with nothing left to make is dropped.
 */
@Aggregate(cache = "aggregateCache")
public class KitchenTicket {

    @AggregateIdentifier
    private TicketId ticketId;
    private OrderId orderId;
    private TicketStatus status;
    private final Map<LineId, ItemStatus> items = new LinkedHashMap<>();

    protected KitchenTicket() {
    }

    /** The kitchen sees every send at least once; a ticket that exists already is left as it is. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateTicket command) {
        if (ticketId != null) {
            return;
        }
        if (command.items() == null || command.items().isEmpty()) {
            throw new InvalidInputException("items", "a ticket needs at least one item");
        }
        apply(new TicketCreated(command.ticketId(), command.orderId(), command.sendNumber(), command.tableNumber(),
                TicketId.normalStation(command.station()), List.copyOf(command.items())));
    }

    @CommandHandler
    public void handle(StartTicketItem command) {
        ItemStatus item = item(command.lineId());
        if (item == ItemStatus.COOKING) {
            return;
        }
        requireOpen("start an item of");
        if (item != ItemStatus.QUEUED) {
            throw new ConflictException("The item is " + item.name().toLowerCase() + "; it cannot be started");
        }
        apply(new TicketItemStarted(ticketId, orderId, command.lineId()));
    }

    @CommandHandler
    public void handle(MarkTicketItemReady command) {
        ItemStatus item = item(command.lineId());
        if (item == ItemStatus.READY) {
            return;
        }
        requireOpen("mark an item ready on");
        if (item == ItemStatus.VOIDED) {
            throw new ConflictException("The item was voided");
        }
        apply(new TicketItemReady(ticketId, orderId, command.lineId()));
    }

    @CommandHandler
    public void handle(BumpTicket command) {
        if (status == TicketStatus.DONE) {
            return;
        }
        requireOpen("bump");
        apply(new TicketBumped(ticketId, orderId, linesNot(ItemStatus.VOIDED)));
    }

    @CommandHandler
    public void handle(RecallTicket command) {
        if (status != TicketStatus.DONE) {
            throw new ConflictException("Only a bumped ticket can be recalled; this one is "
                    + status.name().toLowerCase());
        }
        apply(new TicketRecalled(ticketId, orderId, linesNot(ItemStatus.VOIDED)));
    }

    @CommandHandler
    public void handle(StrikeTicketItem command) {
        if (item(command.lineId()) == ItemStatus.VOIDED || status == TicketStatus.VOIDED) {
            return;
        }
        apply(new TicketItemVoided(ticketId, orderId, command.lineId(), command.reason()));
        if (status == TicketStatus.OPEN && linesNot(ItemStatus.VOIDED).isEmpty()) {
            apply(new TicketVoided(ticketId, orderId, "Every item was voided"));
        }
    }

    @CommandHandler
    public void handle(VoidTicket command) {
        if (status != TicketStatus.OPEN) {
            return;
        }
        apply(new TicketVoided(ticketId, orderId, command.reason()));
    }

    @EventSourcingHandler
    void on(TicketCreated event) {
        ticketId = event.ticketId();
        orderId = event.orderId();
        status = TicketStatus.OPEN;
        event.items().stream().map(TicketItem::lineId).forEach(line -> items.put(line, ItemStatus.QUEUED));
    }

    @EventSourcingHandler
    void on(TicketItemStarted event) {
        items.put(event.lineId(), ItemStatus.COOKING);
    }

    @EventSourcingHandler
    void on(TicketItemReady event) {
        items.put(event.lineId(), ItemStatus.READY);
    }

    @EventSourcingHandler
    void on(TicketBumped event) {
        event.readyLines().forEach(line -> items.put(line, ItemStatus.READY));
        status = TicketStatus.DONE;
    }

    @EventSourcingHandler
    void on(TicketRecalled event) {
        event.reopenedLines().forEach(line -> items.put(line, ItemStatus.COOKING));
        status = TicketStatus.OPEN;
    }

    @EventSourcingHandler
    void on(TicketItemVoided event) {
        items.put(event.lineId(), ItemStatus.VOIDED);
    }

    @EventSourcingHandler
    void on(TicketVoided event) {
        status = TicketStatus.VOIDED;
    }

    private ItemStatus item(LineId lineId) {
        ItemStatus item = items.get(lineId);
        if (item == null) {
            throw new NotFoundException("No item " + lineId + " on ticket " + ticketId);
        }
        return item;
    }

    private void requireOpen(String action) {
        if (status != TicketStatus.OPEN) {
            throw new ConflictException("Cannot " + action + " a " + (status == TicketStatus.DONE ? "bumped" : "voided")
                    + " ticket");
        }
    }

    private List<LineId> linesNot(ItemStatus excluded) {
        return items.entrySet().stream().filter(e -> e.getValue() != excluded).map(Map.Entry::getKey).toList();
    }
}
