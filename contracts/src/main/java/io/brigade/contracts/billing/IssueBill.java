package io.brigade.contracts.billing;

import io.brigade.contracts.order.BilledLine;
import io.brigade.contracts.order.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Issues the bill answering one bill request of an order; issuing a bill that exists changes nothing. */
public record IssueBill(@TargetAggregateIdentifier BillId billId, OrderId orderId, int requestNumber, int tableNumber,
                        List<BilledLine> lines, BillRates rates) {
}
