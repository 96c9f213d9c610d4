package io.brigade.contracts.order;

import java.util.List;

/** These lines are ready on the pass, waiting to be served. */
public record OrderLinesReady(OrderId orderId, List<LineId> lineIds) {
}
