package io.brigade.contracts.catalog;

/** A table was set up on the floor. */
public record TableAdded(TableId tableId, int number, int seats, String zone) {
}
