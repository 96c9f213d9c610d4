package io.brigade.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Axon's Micrometer monitors with Brigade's tags: every command by its type ({@code commandBus.*}: ingested, succeeded
 * and failed counts, and a timer with a histogram for percentiles), every event processor by name
 * ({@code eventProcessor.*}: counts, handling time, and {@code eventProcessor.latency}, how old in milliseconds the
 * last handled event was when it was handled). Tags take only bounded values: class names and processor names.
 */
final class AxonMonitors {

    private AxonMonitors() {
    }

    static ConfigurerModule module(MeterRegistry registry) {
        return configurer -> {
            Function<Message<?>, Iterable<Tag>> byCommandType =
                    message -> Tags.of("commandType", message.getPayloadType().getSimpleName());
            configurer.configureMessageMonitor(CommandBus.class, (configuration, type, name) ->
                    new MultiMessageMonitor<Message<?>>(List.<MessageMonitor<? super Message<?>>>of(
                            MessageCountingMonitor.buildMonitor("commandBus", registry, byCommandType),
                            MessageTimerMonitor.builder().meterNamePrefix("commandBus").meterRegistry(registry)
                                    .tagsBuilder(byCommandType)
                                    .timerCustomization(timer -> timer.publishPercentileHistogram())
                                    .build())));
            // Axon asks for a processor's monitor more than once (its dead-letter processing too); meters are
            // registered once per name, so every caller must share the monitor that feeds them
            Map<String, MessageMonitor<Message<?>>> byName = new ConcurrentHashMap<>();
            configurer.configureMessageMonitor(EventProcessor.class, (configuration, type, processor) ->
                    byName.computeIfAbsent(processor, name -> processorMonitor(registry, name)));
        };
    }

    private static MessageMonitor<Message<?>> processorMonitor(MeterRegistry registry, String processor) {
        Function<Message<?>, Iterable<Tag>> byProcessor = message -> Tags.of("processor", processor);
        return forAnyMessage(new MultiMessageMonitor<EventMessage<?>>(List.of(
                MessageCountingMonitor.buildMonitor("eventProcessor", registry, byProcessor),
                MessageTimerMonitor.builder().meterNamePrefix("eventProcessor").meterRegistry(registry)
                        .tagsBuilder(byProcessor).build(),
                latency(registry, processor))));
    }

    /**
     * {@code eventProcessor.latency} as Axon's {@code EventProcessorLatencyMonitor} measures it, with its gauge
     * registered once: Axon's registers it again at every event, which Micrometer answers with a warning that the
     * gauge exists (and, after the first, a check at every event).
     */
    private static MessageMonitor<EventMessage<?>> latency(MeterRegistry registry, String processor) {
        AtomicLong millis = new AtomicLong();
        Gauge.builder("eventProcessor.latency", millis, AtomicLong::get).tags("processor", processor)
                .strongReference(true).register(registry);
        return event -> {
            millis.set(registry.config().clock().wallTime() - event.getTimestamp().toEpochMilli());
            return NoOpMessageMonitorCallback.INSTANCE;
        };
    }

    /** An event processor hands its monitor only events, though Axon's factory is typed for any message. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> forAnyMessage(MessageMonitor<EventMessage<?>> monitor) {
        return (MessageMonitor) monitor;
    }
}
