package io.brigade.platform.metadata;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

/**
 * Puts the correlation id of the message being handled into the logging context, so the log lines an event processor
 * or a saga writes carry the id of the request that started it all, as the web requests' lines do.
 */
public class CorrelationIdLogging implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object correlationId = unitOfWork.getMessage().getMetaData().get(MetaDataKeys.CORRELATION_ID);
        String outer = MDC.get(MetaDataKeys.CORRELATION_ID);
        if (correlationId != null) {
            MDC.put(MetaDataKeys.CORRELATION_ID, correlationId.toString());
        }
        try {
            return interceptorChain.proceed();
        } finally {
            if (outer == null) {
                MDC.remove(MetaDataKeys.CORRELATION_ID);
            } else {
                MDC.put(MetaDataKeys.CORRELATION_ID, outer);
            }
        }
    }
}
