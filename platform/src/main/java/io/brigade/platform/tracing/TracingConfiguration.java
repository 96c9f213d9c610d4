package io.brigade.platform.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Traces across services: a command takes the trace context of the request (or handler) that sent it, the events it
 * applies carry it on, and each event processor handles an event in a span that continues the event's trace, so
 * the logs and spans of every service an order passes through share one trace id.
 */
@AutoConfiguration(after = MicrometerTracingAutoConfiguration.class)
@ConditionalOnBean({Tracer.class, Propagator.class})
public class TracingConfiguration {

    @Bean
    TraceContext traceContext(Tracer tracer, Propagator propagator) {
        return new TraceContext(tracer, propagator);
    }

    /** The span current when a command is sent is its parent, overriding what the handled message carried. */
    @Bean
    MessageDispatchInterceptor<CommandMessage<?>> traceContextOnCommands(TraceContext trace) {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                return (index, command) -> {
                    Map<String, String> context = trace.current();
                    return context.isEmpty() ? command : command.andMetaData(context);
                };
            }
        };
    }

    /** Events applied while handling a command carry the command's trace context. */
    @Bean
    CorrelationDataProvider traceCorrelationDataProvider() {
        return message -> {
            Map<String, Object> carried = new HashMap<>();
            for (String key : List.of(TraceContext.TRACEPARENT, TraceContext.TRACESTATE)) {
                Object value = message.getMetaData().get(key);
                if (value != null) {
                    carried.put(key, value);
                }
            }
            return carried;
        };
    }

    @Bean
    ConfigurerModule eventHandlingSpans(TraceContext trace) {
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor(
                (configuration, processor) -> handlingSpan(trace, processor));
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TracingConfiguration.class);

    /** At DEBUG, one line per event handled, with its trace id beside the correlation id, to follow an order. */
    private static MessageHandlerInterceptor<EventMessage<?>> handlingSpan(TraceContext trace, String processor) {
        return (unitOfWork, chain) -> {
            if (!unitOfWork.isRoot()) {
                // handled in the transaction of the command that applied it: part of that command's span already
                return chain.proceed();
            }
            Message<?> event = unitOfWork.getMessage();
            Span span = trace.continueFrom(event.getMetaData(), processor + " " + event.getPayloadType().getSimpleName())
                    .tag("processor", processor);
            // What a handler defers until after the commit (live pushes) runs in the event's span too. Axon runs
            // after-commit callbacks in reverse order of registration: the one registered first closes the scope
            // after the handler's own callbacks, the one registered last opens it before them.
            AtomicReference<Tracer.SpanInScope> afterCommit = new AtomicReference<>();
            Runnable close = () -> Optional.ofNullable(afterCommit.getAndSet(null)).ifPresent(Tracer.SpanInScope::close);
            unitOfWork.afterCommit(u -> close.run());
            unitOfWork.onCleanup(u -> close.run());
            try (Tracer.SpanInScope ignored = trace.tracer().withSpan(span)) {
                Object result = chain.proceed();
                log.debug("{} handled {}", processor, event.getPayloadType().getSimpleName());
                return result;
            } catch (Exception | Error e) {
                span.error(e);
                throw e;
            } finally {
                span.end();
                unitOfWork.afterCommit(u -> afterCommit.set(trace.tracer().withSpan(span)));
            }
        };
    }
}
