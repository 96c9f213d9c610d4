package io.brigade.catalog.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** docs/api.md's ticketView: a station's ticket with what to cook; OPEN until bumped or voided, then DONE. */
public record TicketView(UUID ticketId, UUID orderId, int tableNumber, String station, List<Item> items,
                         String status, Instant createdAt, Instant doneAt, long version) {

    public record Item(UUID lineId, String name, int quantity, List<String> modifiers, Integer seat, Integer course,
                       String notes, List<String> allergens, String status) {
    }
}
