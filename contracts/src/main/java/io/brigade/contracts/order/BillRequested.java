package io.brigade.contracts.order;

import io.brigade.contracts.catalog.TableId;
import io.brigade.contracts.common.Money;

import java.util.List;

/** The waiter asked for the bill. Carries the lines as ordered, voided lines excluded; {@code requestNumber} counts the requests of this order from 1. */
public record BillRequested(OrderId orderId, int requestNumber, TableId tableId, int tableNumber, List<BilledLine> lines,
                            Money subtotal) {
}
