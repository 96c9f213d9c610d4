package io.brigade.contracts.billing;

import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.OrderId;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Billing issued a bill for an order's lines; {@code amounts.total} is what the guests owe, tax and charges included.
 * {@code requestNumber} is the bill request of the order it answers. Revision 2 dropped the first revision's
 * {@code total}, a copy of {@code amounts.total} ({@link BillIssuedUpcaster}).
 */
@Revision("2")
public record BillIssued(BillId billId, OrderId orderId, int requestNumber, int tableNumber, List<BilledLine> lines,
                         BillRates rates, BillAmounts amounts) {
}
