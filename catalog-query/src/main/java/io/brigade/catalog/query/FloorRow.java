package io.brigade.catalog.query;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.UUID;

/** A row of docs/api.md's {@code GET /floor}: a table and, while it has one (else no field), its current order in brief. */
public record FloorRow(TableView table, @JsonInclude(JsonInclude.Include.NON_NULL) CurrentOrder order,
                       @JsonIgnore long version) {

    public record CurrentOrder(UUID id, String status, int guests, Waiter waiter, Instant openedAt, int lineCount,
                               int readyCount, long totalCents) {
    }
}
