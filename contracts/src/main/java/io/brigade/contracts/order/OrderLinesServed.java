package io.brigade.contracts.order;

import java.util.List;

/** Ready lines were taken to the table. */
public record OrderLinesServed(OrderId orderId, List<LineId> lineIds) {
}
