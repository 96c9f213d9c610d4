package io.brigade.platform.ops;

import io.brigade.contracts.catalog.MenuItemAdded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A made-up service with one projection fed from Kafka: its pantry shelf keeps each menu item it saw and how many
 * times it applied it. An item without a name cannot be shelved until the shelf learns to take one.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PantryService.Shelf.class)
class PantryService {

    @ProcessingGroup("pantry-shelf")
    static class Shelf {

        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Shelf.class);

        final Map<String, Integer> applied = new ConcurrentHashMap<>();
        /** The trace each item was shelved in, as the handler saw it. */
        final Map<String, String> traces = new ConcurrentHashMap<>();
        private final io.micrometer.tracing.Tracer tracer;

        Shelf(org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            this.tracer = tracer.getIfAvailable(() -> io.micrometer.tracing.Tracer.NOOP);
        }
        final AtomicBoolean takesNamelessItems = new AtomicBoolean(false);

        @EventHandler
        void on(MenuItemAdded event) {
            if (event.name() == null && !takesNamelessItems.get()) {
                throw new IllegalStateException("An item without a name cannot be shelved");
            }
            applied.merge(event.menuItemId().toString(), 1, Integer::sum);
            io.micrometer.tracing.Span span = tracer.currentSpan();
            if (span != null) {
                traces.put(event.menuItemId().toString(), span.context().traceId());
            }
            log.info("Shelved {}", event.menuItemId());
        }

        @ResetHandler
        void emptied() {
            applied.clear();
        }
    }
}
