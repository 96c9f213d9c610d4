package io.brigade.catalog.domain;

import io.brigade.contracts.catalog.AddMenuItem;
import io.brigade.contracts.catalog.ChangeMenuItemAvailability;
import io.brigade.contracts.catalog.MenuItemAdded;
import io.brigade.contracts.catalog.MenuItemAvailabilityChanged;
import io.brigade.contracts.catalog.MenuItemId;
import io.brigade.contracts.catalog.MenuItemRetired;
import io.brigade.contracts.catalog.MenuItemRevised;
import io.brigade.contracts.catalog.MenuModifier;
import io.brigade.contracts.catalog.ReviseMenuItem;
import io.brigade.contracts.catalog.RetireMenuItem;
import io.brigade.platform.problem.ConflictException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

/**
 * An item on the menu: revised while it is sold, 86'd and back when the kitchen runs out, retired for good. A retired
 * item cannot change any more; orders that have it keep it.
 */
@Aggregate
public class MenuItem {

    @AggregateIdentifier
    private MenuItemId menuItemId;
    private List<MenuModifier> modifiers = List.of();
    private boolean available;
    private String unavailableReason;
    private boolean retired;

    protected MenuItem() {
    }

    @CommandHandler
    public MenuItem(AddMenuItem command) {
        AggregateLifecycle.apply(new MenuItemAdded(command.menuItemId(), command.categoryId(), command.name(),
                command.description(), command.price(), command.station(), command.allergens(),
                command.modifiers()));
    }

    @CommandHandler
    public void handle(ReviseMenuItem command) {
        requireNotRetired();
        AggregateLifecycle.apply(new MenuItemRevised(menuItemId, command.categoryId(), command.name(),
                command.description(), command.price(), command.station(), command.allergens(),
                keepIdsOfModifiersAlreadyOffered(command.modifiers())));
    }

    @CommandHandler
    public void handle(ChangeMenuItemAvailability command) {
        requireNotRetired();
        String reason = command.available() ? null : command.reason();
        if (available != command.available() || !Objects.equals(unavailableReason, reason)) {
            AggregateLifecycle.apply(new MenuItemAvailabilityChanged(menuItemId, command.available(), reason));
        }
    }

    @CommandHandler
    public void handle(RetireMenuItem command) {
        if (!retired) {
            AggregateLifecycle.apply(new MenuItemRetired(menuItemId));
        }
    }

    @EventSourcingHandler
    void on(MenuItemAdded event) {
        menuItemId = event.menuItemId();
        modifiers = List.copyOf(event.modifiers());
        available = true;
    }

    @EventSourcingHandler
    void on(MenuItemRevised event) {
        modifiers = List.copyOf(event.modifiers());
    }

    @EventSourcingHandler
    void on(MenuItemAvailabilityChanged event) {
        available = event.available();
        unavailableReason = event.reason();
    }

    @EventSourcingHandler
    void on(MenuItemRetired event) {
        retired = true;
    }

    private void requireNotRetired() {
        if (retired) {
            throw new ConflictException("The item was retired from the menu");
        }
    }

    /** A guest's order names modifiers by id, so a modifier that stays on the menu keeps the id it had. */
    private List<MenuModifier> keepIdsOfModifiersAlreadyOffered(List<MenuModifier> revised) {
        return revised.stream().map(wanted -> modifiers.stream()
                        .filter(offered -> offered.name().equalsIgnoreCase(wanted.name()))
                        .findFirst()
                        .map(offered -> new MenuModifier(offered.id(), wanted.name(), wanted.price()))
                        .orElse(wanted))
                .toList();
    }
}
