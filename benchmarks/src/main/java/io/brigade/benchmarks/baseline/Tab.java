package io.brigade.benchmarks.baseline;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A table's tab, opened with the same rules as Brigade's order: the table exists and has no open tab. */
@Aggregate
public class Tab {

    @AggregateIdentifier
    private String tabId;

    protected Tab() {
    }

    @CommandHandler
    public Tab(OpenTab command, OpenTabs openTabs) {
        if (command.guests() < 1) {
            throw new IllegalArgumentException("guests must be at least 1");
        }
        int number = openTabs.tableNumber(command.tableId())
                .orElseThrow(() -> new IllegalArgumentException("no such table"));
        if (openTabs.isTaken(command.tableId())) {
            throw new IllegalStateException("Table " + number + " already has an open tab");
        }
        apply(new TabOpened(command.tabId(), command.tableId(), number, command.guests()));
    }

    @EventSourcingHandler
    void on(TabOpened event) {
        tabId = event.tabId();
    }
}
