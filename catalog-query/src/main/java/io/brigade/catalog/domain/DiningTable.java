package io.brigade.catalog.domain;

import io.brigade.contracts.catalog.AddTable;
import io.brigade.contracts.catalog.TableAdded;
import io.brigade.contracts.catalog.TableId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

/** A table on the floor. Its number is unique on the floor (the tables projection refuses a second one). */
@Aggregate
public class DiningTable {

    @AggregateIdentifier
    private TableId tableId;

    protected DiningTable() {
    }

    @CommandHandler
    public DiningTable(AddTable command) {
        AggregateLifecycle.apply(new TableAdded(command.tableId(), command.number(), command.seats(),
                command.zone()));
    }

    @EventSourcingHandler
    void on(TableAdded event) {
        tableId = event.tableId();
    }
}
