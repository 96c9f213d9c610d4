package io.brigade.kitchen.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as a station's screen shows it, in the shape of API.md's ticketView. */
public record TicketView(UUID ticketId, UUID orderId, int sendNumber, int tableNumber, String station,
                         List<Item> items, String status, Instant createdAt, Instant doneAt, long version) {

    public record Item(UUID lineId, String name, int quantity, List<String> modifiers, Integer seat, Integer course,
                       String notes, List<String> allergens, String status) {
    }
}
