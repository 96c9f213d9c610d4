package io.brigade.catalog.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.UUID;

/** A table as docs/api.md's {@code GET /tables} shows it: FREE, OCCUPIED by an order, or BILLING once the bill is asked for. */
public record TableView(UUID id, int number, int seats, String zone, String status,
                        @JsonInclude(JsonInclude.Include.NON_NULL) UUID orderId) {
}
