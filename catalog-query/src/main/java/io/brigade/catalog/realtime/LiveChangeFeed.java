package io.brigade.catalog.realtime;

import io.brigade.catalog.query.BillViewProjection;
import io.brigade.catalog.query.KitchenBoardProjection;
import io.brigade.catalog.query.LiveChange;
import io.brigade.catalog.query.LiveChanges;
import io.brigade.catalog.query.OrderViewProjection;
import io.brigade.platform.tracing.TraceContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.axonframework.messaging.MetaData;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens on this instance for the live views that changed ({@link LiveChanges}), whichever instance wrote them, and
 * has each pushed as stored to the clients of this instance, one after the other in the order the views committed. A
 * lost database connection is opened again; what changed meanwhile reaches clients with the next change, as each push
 * carries the whole view and its version.
 */
@Component
class LiveChangeFeed implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LiveChangeFeed.class);
    private static final Duration WAIT = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final OrderViewProjection orders;
    private final KitchenBoardProjection kitchen;
    private final BillViewProjection bills;
    private final ObjectProvider<TraceContext> trace;
    private volatile Thread listening;

    LiveChangeFeed(DataSource dataSource, OrderViewProjection orders, KitchenBoardProjection kitchen,
                   BillViewProjection bills, ObjectProvider<TraceContext> trace) {
        this.dataSource = dataSource;
        this.orders = orders;
        this.kitchen = kitchen;
        this.bills = bills;
        this.trace = trace;
    }

    @Override
    public synchronized void start() {
        Thread thread = new Thread(this::listen, "live-change-feed");
        thread.setDaemon(true);
        listening = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        Thread thread = listening;
        listening = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listening != null;
    }

    /** Listening starts before the web server takes its first subscription. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    private void listen() {
        while (listening == Thread.currentThread()) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement listen = connection.createStatement()) {
                    listen.execute("listen " + LiveChanges.CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (listening == Thread.currentThread()) {
                    PGNotification[] notifications = postgres.getNotifications((int) WAIT.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            push(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (listening == Thread.currentThread()) {
                    log.warn("Live view changes unheard, listening again in {}: {}", RECONNECT, e.toString());
                    sleep();
                }
            }
        }
    }

    private void push(String text) {
        try {
            LiveChange change = LiveChange.parse(text);
            TraceContext context = trace.getIfAvailable();
            if (context == null || change.traceparent() == null) {
                push(change, text);
                return;
            }
            // the push continues the trace of the event that changed the view, so it carries that trace to the client
            Span span = context.continueFrom(MetaData.with(TraceContext.TRACEPARENT, change.traceparent()),
                    "live view push");
            try (Tracer.SpanInScope scope = context.tracer().withSpan(span)) {
                push(change, text);
            } finally {
                span.end();
            }
        } catch (RuntimeException e) {
            log.warn("Could not push live change {}: {}", text, e.toString());
        }
    }

    private void push(LiveChange change, String text) {
        switch (change.view()) {
            case LiveChange.ORDER -> orders.push(change);
            case LiveChange.TICKET -> kitchen.push(change);
            case LiveChange.BILL -> bills.push(change);
            default -> log.warn("Unknown live view change {}", text);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RECONNECT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
