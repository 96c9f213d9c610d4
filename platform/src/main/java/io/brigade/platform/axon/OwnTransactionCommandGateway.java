package io.brigade.platform.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Handles a command sent while an event is being handled (a policy reacting to another service's event, a saga, a
 * deadline) in a unit of work and a transaction of its own. Axon would otherwise nest it in the event processor's unit
 * of work, and the events the command applies would be stored, and the projections that follow them run, only when
 * the processor commits its whole batch: a failure there is no one event's failure, so it could not be dead-lettered
 * and the batch would be retried for ever. Handled on its own, the command either commits or fails the event that
 * sent it, which the processor then parks in its dead-letter queue. The command still carries the event's caller and
 * correlation, taken before the event's unit of work is set aside.
 */
public class OwnTransactionCommandGateway extends DefaultCommandGateway {

    private final TransactionTemplate outsideTransaction;

    public OwnTransactionCommandGateway(CommandBus commandBus, PlatformTransactionManager transactions) {
        this(commandBus, transactions, null);
    }

    /** With {@code retries}, a command that lost a race for its aggregate to another instance is sent again. */
    public OwnTransactionCommandGateway(CommandBus commandBus, PlatformTransactionManager transactions,
                                        RetryScheduler retries) {
        super(DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retries));
        this.outsideTransaction = new TransactionTemplate(transactions);
        this.outsideTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        if (!handlingAnEvent()) {
            super.send(command, callback);
            return;
        }
        @SuppressWarnings("unchecked")
        C withCorrelation = (C) GenericCommandMessage.asCommandMessage(command);
        Deque<UnitOfWork<?>> setAside = new ArrayDeque<>();
        while (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> current = CurrentUnitOfWork.get();
            setAside.push(current);
            CurrentUnitOfWork.clear(current);
        }
        try {
            outsideTransaction.executeWithoutResult(status -> super.send(withCorrelation, callback));
        } finally {
            while (!setAside.isEmpty()) {
                CurrentUnitOfWork.set(setAside.pop());
            }
        }
    }

    /** An event (or deadline) is being handled, and not as part of a command's own work. */
    private static boolean handlingAnEvent() {
        boolean event = false;
        for (UnitOfWork<?> unit = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get() : null; unit != null;
             unit = unit.parent().orElse(null)) {
            if (unit.getMessage() instanceof CommandMessage<?>) {
                return false;
            }
            event |= unit.getMessage() instanceof EventMessage<?>;
        }
        return event;
    }
}
