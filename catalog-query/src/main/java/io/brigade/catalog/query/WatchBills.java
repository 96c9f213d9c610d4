package io.brigade.catalog.query;

/** The open bills as they stand, then each change of any bill. */
public record WatchBills() {
}
