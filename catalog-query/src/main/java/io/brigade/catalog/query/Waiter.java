package io.brigade.catalog.query;

/** Who opened an order: the user's id and name, as the order's first event recorded them. */
public record Waiter(String id, String name) {
}
