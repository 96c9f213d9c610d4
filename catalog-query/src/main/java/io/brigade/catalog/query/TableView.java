package io.brigade.catalog.query;

import java.util.UUID;

/** A table as API.md's {@code GET /tables} shows it: FREE, OCCUPIED by an order, or BILLING once the bill is asked for. */
public record TableView(UUID id, int number, int seats, String zone, String status, UUID orderId) {
}
