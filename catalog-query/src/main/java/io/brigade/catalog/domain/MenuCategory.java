package io.brigade.catalog.domain;

import io.brigade.contracts.catalog.AddMenuCategory;
import io.brigade.contracts.catalog.MenuCategoryAdded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.UUID;

/** A section of the menu. */
@Aggregate
public class MenuCategory {

    @AggregateIdentifier
    private UUID categoryId;

    protected MenuCategory() {
    }

    @CommandHandler
    public MenuCategory(AddMenuCategory command) {
        AggregateLifecycle.apply(new MenuCategoryAdded(command.categoryId(), command.name(), command.position()));
    }

    @EventSourcingHandler
    void on(MenuCategoryAdded event) {
        categoryId = event.categoryId();
    }
}
