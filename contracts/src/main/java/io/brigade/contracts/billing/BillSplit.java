package io.brigade.contracts.billing;

import io.brigade.contracts.order.OrderId;

import java.util.List;

/** The bill is split into checks that cover its total exactly; they replace any earlier checks of the bill. */
public record BillSplit(BillId billId, OrderId orderId, int splitNumber, SplitMode mode, List<BillCheck> checks) {
}
