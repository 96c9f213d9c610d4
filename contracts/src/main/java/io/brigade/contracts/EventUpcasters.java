package io.brigade.contracts;

import io.brigade.contracts.billing.BillIssuedUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcaster;

import java.util.List;

/**
 * Every upcaster of the published language, oldest change first. Each service reads its event store and the topics
 * through them, so an event stored in an earlier revision reads as the current one (docs/events.md).
 */
public final class EventUpcasters {

    private EventUpcasters() {
    }

    public static List<EventUpcaster> all() {
        return List.of(new BillIssuedUpcaster());
    }
}
