package io.brigade.catalog.query;

/** How the last rebuild of the reports stands, then each step of it. */
public record WatchReplay() {
}
