package io.brigade.platform.metadata;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries who and which request from a handled message to every message it causes: the events a command applies,
 * the commands a saga sends. {@code causationId} is the id of the message being handled.
 */
public class CallerCorrelationDataProvider implements CorrelationDataProvider {

    private static final List<String> CARRIED = List.of(MetaDataKeys.USER_ID, MetaDataKeys.USERNAME, MetaDataKeys.ROLE);

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        CARRIED.forEach(key -> {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        });
        data.put(MetaDataKeys.CORRELATION_ID,
                message.getMetaData().getOrDefault(MetaDataKeys.CORRELATION_ID, message.getIdentifier()));
        data.put(MetaDataKeys.CAUSATION_ID, message.getIdentifier());
        return data;
    }
}
