package io.brigade.catalog.query;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Announces a changed live view to every instance of the service with PostgreSQL's NOTIFY, in the transaction that
 * wrote the view: the announcement reaches every listening instance when that transaction commits, in commit order,
 * and never when it rolls back. Each instance then reads the view as stored and pushes it to its own clients, so the
 * views are written once (by whichever instance holds the projection's segment) and every client sees every change.
 */
@Component
public class LiveChanges {

    public static final String CHANNEL = "brigade_live_views";

    private final JdbcTemplate jdbc;

    public LiveChanges(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void announce(LiveChange change) {
        jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, change.text());
    }
}
