package io.brigade.billing.policy;

import io.brigade.billing.query.OrderBills;
import io.brigade.billing.query.RestaurantRates;
import io.brigade.contracts.billing.BillId;
import io.brigade.contracts.billing.IssueBill;
import io.brigade.contracts.billing.SupersedeBill;
import io.brigade.contracts.billing.VoidBill;
import io.brigade.contracts.order.BillRequested;
import io.brigade.contracts.order.OrderCancelled;
import io.brigade.platform.problem.ConflictException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What billing does when the order service's events arrive: a bill for every bill request (its id derived from the
 * order and the request number, so a redelivered or replayed request issues nothing twice), with the rates the
 * catalog's settings put in force ({@link RestaurantRates}), which supersedes the order's earlier open bill; and the
 * open bills of a cancelled order are voided. A bill guests already paid on is never voided by this policy: a manager
 * refunds or settles it.
 */
@Component
@ProcessingGroup(BillRequestPolicy.GROUP)
public class BillRequestPolicy {

    public static final String GROUP = "billing-orders";
    private static final Logger log = LoggerFactory.getLogger(BillRequestPolicy.class);

    private final CommandGateway commands;
    private final OrderBills bills;
    private final RestaurantRates rates;

    public BillRequestPolicy(CommandGateway commands, OrderBills bills, RestaurantRates rates) {
        this.commands = commands;
        this.bills = bills;
        this.rates = rates;
    }

    @EventHandler
    void on(BillRequested event) {
        BillId billId = BillId.forRequest(event.orderId(), event.requestNumber());
        commands.sendAndWait(new IssueBill(billId, event.orderId(), event.requestNumber(), event.tableNumber(),
                List.copyOf(event.lines()), rates.current().orElseThrow(() -> new IllegalStateException(
                        "No restaurant settings have reached billing from the catalog yet"))));
        bills.openBillsOf(event.orderId()).stream()
                .filter(open -> open.requestNumber() < event.requestNumber())
                .forEach(open -> commands.sendAndWait(new SupersedeBill(open.billId(), event.requestNumber())));
    }

    @EventHandler
    void on(OrderCancelled event) {
        for (OrderBills.OpenBill open : bills.openBillsOf(event.orderId())) {
            try {
                commands.sendAndWait(new VoidBill(open.billId(), "Order cancelled: " + event.reason()));
            } catch (ConflictException paidOn) {
                log.warn("Bill {} of cancelled order {} stays open: {}", open.billId(), event.orderId(),
                        paidOn.getMessage());
            }
        }
    }
}
