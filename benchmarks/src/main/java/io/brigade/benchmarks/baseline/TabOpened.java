package io.brigade.benchmarks.baseline;

public record TabOpened(String tabId, String tableId, int tableNumber, int guests) {
}
