package io.brigade.catalog.query;

import org.axonframework.messaging.Message;
import org.axonframework.queryhandling.QueryUpdateEmitter;

import java.util.function.Predicate;

/**
 * Whether a client of this instance watches a live view: a change that nobody here watches is not read back to be
 * pushed. A client that starts watching after the question reads the view as it stands in its first answer.
 */
final class Watchers {

    private Watchers() {
    }

    static <Q> boolean anyone(QueryUpdateEmitter emitter, Class<Q> watch, Predicate<? super Q> watching) {
        return emitter.activeSubscriptions().stream()
                .map(Message::getPayload)
                .filter(watch::isInstance)
                .map(watch::cast)
                .anyMatch(watching);
    }
}
