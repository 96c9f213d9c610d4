package io.brigade.auth.domain;

import io.brigade.platform.metadata.MetaDataKeys;
import io.brigade.platform.security.Caller;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Appends a user's events to the service's event store in the transaction that changes the user, so the platform's
 * publisher carries them to {@code brigade.auth.events}: nothing is published that was not committed, and nothing
 * committed is lost. Metadata names who made the change, as on every other service's events.
 */
@Component
public class UserEvents {

    static final String AGGREGATE_TYPE = "User";

    private final EventBus events;

    public UserEvents(EventBus events) {
        this.events = events;
    }

    public void publish(User user, Object event) {
        events.publish(new GenericDomainEventMessage<>(AGGREGATE_TYPE, user.id().toString(), user.nextEventSequence(),
                event, metaData()));
    }

    private static Map<String, Object> metaData() {
        Map<String, Object> metaData = new HashMap<>();
        String correlationId = MDC.get(MetaDataKeys.CORRELATION_ID);
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        metaData.put(MetaDataKeys.CORRELATION_ID, correlationId);
        metaData.put(MetaDataKeys.CAUSATION_ID, correlationId);
        Caller.current().ifPresentOrElse(caller -> {
            metaData.put(MetaDataKeys.USER_ID, caller.userId());
            metaData.put(MetaDataKeys.USERNAME, caller.username());
            metaData.put(MetaDataKeys.ROLE, caller.role());
        }, () -> {
            metaData.put(MetaDataKeys.USERNAME, "auth-service");
            metaData.put(MetaDataKeys.ROLE, "SYSTEM");
        });
        return metaData;
    }
}
