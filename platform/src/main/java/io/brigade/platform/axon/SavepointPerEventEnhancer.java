package io.brigade.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Savepoint;

/**
 * Runs each projection event handler inside a savepoint of the processor's transaction. PostgreSQL aborts a whole
 * transaction on the first failed statement; without the savepoint, a poison event would also sink the dead-letter
 * entry that records it and every other event of its batch, and the processor would retry the batch for ever.
 */
public class SavepointPerEventEnhancer implements HandlerEnhancerDefinition {

    private final DataSource dataSource;

    public SavepointPerEventEnhancer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projectionHandler = original.annotationAttributes(EventHandler.class).isPresent()
                && original.annotationAttributes(EventSourcingHandler.class).isEmpty()
                && original.annotationAttributes(SagaEventHandler.class).isEmpty();
        return projectionHandler ? new InSavepoint<>(original) : original;
    }

    /** A projection run by the command that applied the event must fail with it: no savepoint there. */
    private static boolean handledWithinACommand() {
        return CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().root().getMessage() instanceof CommandMessage<?>;
    }

    private final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private InSavepoint(MessageHandlingMember<T> delegate) {
            super(delegate);
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive() || handledWithinACommand()) {
                return super.handle(message, target);
            }
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Savepoint savepoint = connection.setSavepoint();
            try {
                Object result = super.handle(message, target);
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception | Error e) {
                connection.rollback(savepoint);
                throw e;
            }
        }
    }
}
