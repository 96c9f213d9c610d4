package io.brigade.catalog.query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** docs/api.md's orderView. {@code subtotalCents} counts every line that was not voided. */
public record OrderView(UUID orderId, UUID tableId, int tableNumber, int guests, String status, Waiter waiter,
                        List<Line> lines, long subtotalCents, UUID billId, Instant openedAt, Instant closedAt,
                        long version) {

    public record Line(UUID lineId, UUID menuItemId, String name, int quantity, List<String> modifiers,
                       long unitPriceCents, long totalCents, Integer seat, Integer course, String notes,
                       String state) {
    }
}
