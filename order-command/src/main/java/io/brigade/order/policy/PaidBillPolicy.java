package io.brigade.order.policy;

import io.brigade.contracts.billing.BillPaid;
import io.brigade.contracts.order.CloseOrder;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * A paid bill closes its order, which frees the table for the next guests. This group reads billing's topic alone,
 * so a payment is acted on at once and never waits behind the order and kitchen events the fulfillment saga works
 * through. Closing is idempotent: a redelivered {@code BillPaid} changes nothing.
 */
@Component
@ProcessingGroup(PaidBillPolicy.GROUP)
public class PaidBillPolicy {

    public static final String GROUP = "paid-bills";

    private final CommandGateway commands;

    public PaidBillPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    /** A waiter's command on the same order at that moment makes the append conflict; the gateway tries again. */
    @EventHandler
    void on(BillPaid event) {
        commands.sendAndWait(new CloseOrder(event.orderId(), event.billId()));
    }
}
