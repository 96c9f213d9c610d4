package io.brigade.catalog.query;

/** Every table of the floor with its current order, then each change of a table's row. */
public record WatchFloor() {
}
