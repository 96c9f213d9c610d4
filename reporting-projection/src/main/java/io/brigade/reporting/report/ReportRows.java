package io.brigade.reporting.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The rows of the report tables while a batch is folded in memory. Rows of an aggregate carry the last sequence
 * applied to them ({@code version}); the others are written once, under a key of their own.
 */
public final class ReportRows {

    private ReportRows() {
    }

    public static final class OrderRow {
        public final UUID orderId;
        public String waiter;
        public int guests;
        public Instant openedAt;
        public boolean cancelled;
        /** Line id to what the line costs (unit price times quantity). */
        public final Map<UUID, Long> lines = new LinkedHashMap<>();
        public long version = -1;

        public OrderRow(UUID orderId) {
            this.orderId = orderId;
        }
    }

    public static final class BillRow {
        public final UUID billId;
        public UUID orderId;
        public int tableNumber;
        public long subtotal;
        public long discount;
        public long serviceCharge;
        public long tax;
        public long total;
        /** Tips of the payments taken and not refunded before the bill was first paid. */
        public long standingTips;
        public String status;
        public Instant paidAt;
        public long version = -1;

        public BillRow(UUID billId) {
            this.billId = billId;
        }
    }

    public static final class TicketRow {
        public final UUID ticketId;
        public UUID orderId;
        public String station;
        public Instant createdAt;
        public Instant bumpedAt;
        public boolean voided;
        public long version = -1;

        public TicketRow(UUID ticketId) {
            this.ticketId = ticketId;
        }
    }

    public static final class SettingsRow {
        public final String settingsId;
        public String timeZone;
        public long version = -1;

        public SettingsRow(String settingsId) {
            this.settingsId = settingsId;
        }
    }

    public record BillLine(UUID billId, UUID lineId, UUID menuItemId, String name, int quantity, long total) {
    }

    public record SaleEntry(String entryId, UUID billId, Instant at, int orders, long gross, long discount, long tax,
                            long net, long tips) {
    }

    public record KitchenDelay(UUID ticketId, UUID orderId, String station, Instant at) {
    }

    public record Adjustment(String eventId, Instant at, String kind, UUID orderId, UUID billId, long amount,
                             String reason, String by, String approvedBy) {
    }

    public record Skipped(String topic, int partition, long offset, String type, String error) {
    }
}
