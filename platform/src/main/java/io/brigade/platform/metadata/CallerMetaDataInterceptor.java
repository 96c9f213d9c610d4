package io.brigade.platform.metadata;

import io.brigade.platform.security.Caller;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Stamps a command sent from a web request with the authenticated caller and the request's correlation id.
 * Commands sent while handling another message already carry both (Axon copies correlation data), so nothing
 * already present is overwritten.
 */
public class CallerMetaDataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> command.andMetaData(missingFrom(command.getMetaData()));
    }

    private static Map<String, Object> missingFrom(MetaData present) {
        Map<String, Object> added = new HashMap<>();
        String correlationId = MDC.get(MetaDataKeys.CORRELATION_ID);
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        added.put(MetaDataKeys.CORRELATION_ID, correlationId);
        added.put(MetaDataKeys.CAUSATION_ID, correlationId);
        Caller.current().ifPresent(caller -> {
            added.put(MetaDataKeys.USER_ID, caller.userId());
            added.put(MetaDataKeys.USERNAME, caller.username());
            added.put(MetaDataKeys.ROLE, caller.role());
        });
        present.keySet().forEach(added::remove);
        return added;
    }
}
