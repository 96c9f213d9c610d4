package io.brigade.catalog.query;

import io.brigade.contracts.reporting.ReplayProgressed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Passes the reporting service's replay progress on to the managers who watch {@code /topic/reports.replay}, so they
 * follow it on the one websocket every screen uses. Only the latest step is kept: a new subscriber gets it first.
 */
@Component
@ProcessingGroup(ReplayProgressRelay.GROUP)
public class ReplayProgressRelay {

    public static final String GROUP = "replay-progress";
    static final String TYPE = "replay:progress";

    private final QueryUpdateEmitter emitter;
    private final AtomicReference<LiveUpdate> latest = new AtomicReference<>();

    public ReplayProgressRelay(QueryUpdateEmitter emitter) {
        this.emitter = emitter;
    }

    @EventHandler
    void on(ReplayProgressed event, @SequenceNumber long version, ReplayStatus replay) {
        LiveUpdate update = new LiveUpdate(TYPE, version, event);
        LiveUpdate before = latest.getAndAccumulate(update,
                (old, now) -> old == null || old.version() < now.version() ? now : old);
        if (replay.isReplay() || (before != null && before.version() >= version)) {
            return;
        }
        emitter.emit(WatchReplay.class, watch -> true, update);
    }

    @QueryHandler
    List<LiveUpdate> handle(WatchReplay query) {
        LiveUpdate current = latest.get();
        return current == null ? List.of() : List.of(current);
    }
}
