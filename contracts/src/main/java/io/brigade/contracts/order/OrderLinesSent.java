package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;

import java.util.List;

/** Lines went to the kitchen. Carries everything the kitchen needs to make its tickets; {@code sendNumber} counts the sends of this order from 1. */
public record OrderLinesSent(OrderId orderId, int sendNumber, TableId tableId, int tableNumber, Integer course, List<SentLine> lines) {
}
