package io.brigade.catalog.query;

import java.util.List;
import java.util.UUID;

/**
 * docs/api.md's billView. {@code paidCents} and {@code tipsCents} count the payments not refunded, {@code balanceCents} is
 * what is left of {@code totalCents}; a check's {@code paidCents} counts the standing payments made on it.
 */
public record BillView(UUID billId, UUID orderId, int tableNumber, List<Line> lines, long subtotalCents,
                       long discountCents, long serviceChargeCents, long taxCents, long totalCents, long paidCents,
                       long tipsCents, long balanceCents, String status, List<Check> checks, List<Payment> payments,
                       long version) {

    public record Line(UUID lineId, String name, int quantity, long totalCents) {
    }

    public record Check(UUID checkId, long totalCents, long paidCents) {
    }

    public record Payment(UUID paymentId, UUID checkId, String method, long amountCents, long tipCents,
                          boolean refunded) {
    }
}
