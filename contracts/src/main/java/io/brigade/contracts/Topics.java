package io.brigade.contracts;

/** Kafka topics, one per bounded context. The record key is the aggregate id, so each aggregate's events stay in order. */
public final class Topics {

    public static final String ORDER_EVENTS = "brigade.order.events";
    public static final String KITCHEN_EVENTS = "brigade.kitchen.events";
    public static final String BILLING_EVENTS = "brigade.billing.events";
    public static final String CATALOG_EVENTS = "brigade.catalog.events";
    public static final String AUTH_EVENTS = "brigade.auth.events";
    /** How a rebuild of the reports is going; the catalog pushes it to the managers who watch. */
    public static final String REPORTING_EVENTS = "brigade.reporting.events";

    private Topics() {
    }
}
