package io.brigade.contracts;

import java.util.Optional;
import java.util.Set;

/** Kafka topics, one per bounded context. The record key is the aggregate id, so each aggregate's events stay in order. */
public final class Topics {

    public static final String ORDER_EVENTS = "brigade.order.events";
    public static final String KITCHEN_EVENTS = "brigade.kitchen.events";
    public static final String BILLING_EVENTS = "brigade.billing.events";
    public static final String CATALOG_EVENTS = "brigade.catalog.events";
    public static final String AUTH_EVENTS = "brigade.auth.events";
    /** Each command service's signed checkpoints of its event store, keyed by service name, kept forever. */
    public static final String AUDIT_CHECKPOINTS = "brigade.audit.checkpoints";

    /** How a rebuild of the reports is going; the catalog pushes it to the managers who watch. */
    public static final String REPORTING_EVENTS = "brigade.reporting.events";

    private static final Set<String> ALL = Set.of(ORDER_EVENTS, KITCHEN_EVENTS, BILLING_EVENTS, CATALOG_EVENTS,
            AUTH_EVENTS, REPORTING_EVENTS);

    private Topics() {
    }

    /**
     * The topic an event of the published language travels on, named by its context's package
     * ({@code io.brigade.contracts.kitchen.TicketCreated} travels on {@link #KITCHEN_EVENTS}); empty for any other type.
     */
    public static Optional<String> of(Class<?> eventType) {
        String root = Topics.class.getPackageName() + ".";
        String name = eventType.getName();
        if (!name.startsWith(root)) {
            return Optional.empty();
        }
        String rest = name.substring(root.length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String topic = "brigade." + rest.substring(0, dot) + ".events";
        return ALL.contains(topic) ? Optional.of(topic) : Optional.empty();
    }
}
