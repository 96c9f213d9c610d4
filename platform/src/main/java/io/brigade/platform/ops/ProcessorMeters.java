package io.brigade.platform.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.Optional;
import java.util.function.Function;

/**
 * Gauges of where each event processor stands, read from {@link ProcessorStatuses} at each scrape:
 * {@code brigade.processor.lag} (events still to handle), {@code brigade.processor.position} per segment,
 * {@code brigade.processor.state} (1 for the state it is in), {@code brigade.processor.segments} (claimed),
 * {@code brigade.deadletters} per group with a dead-letter queue, and {@code brigade.kafka.consumer.lag} per
 * Kafka-fed group. Registered once the service is ready, when Axon has built its processors.
 */
class ProcessorMeters implements ApplicationListener<ApplicationReadyEvent> {

    /** Segments beyond this are not given position gauges of their own; their lag still counts. */
    private static final int SEGMENTS_MEASURED = 32;

    private final ProcessorStatuses statuses;
    private final MeterRegistry registry;

    ProcessorMeters(ProcessorStatuses statuses, MeterRegistry registry) {
        this.statuses = statuses;
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        statuses.refreshed().values().forEach(this::register);
    }

    private void register(ProcessorStatuses.Status initial) {
        String name = initial.name();
        Tags tags = Tags.of("processor", name);
        gauge("brigade.processor.lag", "events", "Events the processor has still to handle", tags,
                name, ProcessorStatuses.Status::lag);
        for (ProcessorStatuses.State state : ProcessorStatuses.State.values()) {
            gauge("brigade.processor.state", null, "1 for the state the processor is in, 0 for the others",
                    tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT)), name,
                    status -> status.state() == state ? 1L : 0L);
        }
        gauge("brigade.processor.segments", null, "Segments this instance of the processor has claimed", tags, name,
                status -> (long) status.segments().size());
        int segments = initial.source() == ProcessorStatuses.Source.EVENT_BUS ? 0
                : Math.max(1, Math.min(SEGMENTS_MEASURED, initial.segments().size()));
        for (int segment = 0; segment < segments; segment++) {
            int id = segment;
            gauge("brigade.processor.position", null, "Position of the segment's token in its source",
                    tags.and("segment", Integer.toString(id)), name,
                    status -> status.segments().stream().filter(s -> s.segment() == id).findFirst()
                            .map(ProcessorStatuses.Segment::position).orElse(null));
        }
        if (initial.deadLetters() != null) {
            gauge("brigade.deadletters", "events", "Events parked in the group's dead-letter queue", tags, name,
                    ProcessorStatuses.Status::deadLetters);
        }
        if (initial.source() == ProcessorStatuses.Source.KAFKA) {
            gauge("brigade.kafka.consumer.lag", "records", "Records on the group's topics it has not handled yet",
                    tags, name, ProcessorStatuses.Status::lag);
        }
    }

    private void gauge(String meter, String unit, String description, Tags tags, String processor,
                       Function<ProcessorStatuses.Status, Long> figure) {
        Gauge.builder(meter, statuses, s -> Optional.ofNullable(s.all().get(processor)).map(figure)
                        .map(Long::doubleValue).orElse(Double.NaN))
                .baseUnit(unit).description(description).tags(tags).register(registry);
    }
}
