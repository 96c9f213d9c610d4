package io.brigade.catalog.query;

import io.brigade.platform.tracing.TraceContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Announces a changed live view to every instance of the service with PostgreSQL's NOTIFY, in the transaction that
 * wrote the view: the announcement reaches every listening instance when that transaction commits, in commit order,
 * and never when it rolls back. Each instance then reads the view as stored and pushes it to its own clients, so the
 * views are written once (by whichever instance holds the projection's segment) and every client sees every change.
 * The announcement carries the trace of the event being handled, which the push continues.
 */
@Component
public class LiveChanges {

    public static final String CHANNEL = "brigade_live_views";

    private final JdbcTemplate jdbc;
    private final ObjectProvider<TraceContext> trace;

    public LiveChanges(JdbcTemplate jdbc, ObjectProvider<TraceContext> trace) {
        this.jdbc = jdbc;
        this.trace = trace;
    }

    void announce(LiveChange change) {
        TraceContext context = trace.getIfAvailable();
        LiveChange traced = context == null ? change
                : change.withTrace(context.current().get(TraceContext.TRACEPARENT));
        jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, traced.text());
    }
}
