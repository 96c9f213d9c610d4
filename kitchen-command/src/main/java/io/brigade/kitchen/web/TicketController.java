package io.brigade.kitchen.web;

import io.brigade.contracts.kitchen.BumpTicket;
import io.brigade.contracts.kitchen.MarkTicketItemReady;
import io.brigade.contracts.kitchen.RecallTicket;
import io.brigade.contracts.kitchen.StartTicketItem;
import io.brigade.contracts.kitchen.TicketId;
import io.brigade.contracts.order.LineId;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * Translates docs/api.md's Kitchen section into commands for the {@code KitchenTicket} aggregate. The cooks read their
 * tickets from the kitchen board, which catalog-query serves.
 */
@RestController
@RequestMapping("/api/v1/kitchen/tickets")
public class TicketController {

    private final CommandGateway commands;

    public TicketController(CommandGateway commands) {
        this.commands = commands;
    }

    @PostMapping("/{ticketId}/items/{lineId}/start")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('KITCHEN')")
    public void start(@PathVariable UUID ticketId, @PathVariable UUID lineId) {
        commands.sendAndWait(new StartTicketItem(TicketId.of(ticketId), LineId.of(lineId)));
    }

    @PostMapping("/{ticketId}/items/{lineId}/ready")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('KITCHEN')")
    public void ready(@PathVariable UUID ticketId, @PathVariable UUID lineId) {
        commands.sendAndWait(new MarkTicketItemReady(TicketId.of(ticketId), LineId.of(lineId)));
    }

    @PostMapping("/{ticketId}/bump")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('KITCHEN')")
    public void bump(@PathVariable UUID ticketId) {
        commands.sendAndWait(new BumpTicket(TicketId.of(ticketId)));
    }

    @PostMapping("/{ticketId}/recall")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasRole('KITCHEN')")
    public void recall(@PathVariable UUID ticketId) {
        commands.sendAndWait(new RecallTicket(TicketId.of(ticketId)));
    }
}
