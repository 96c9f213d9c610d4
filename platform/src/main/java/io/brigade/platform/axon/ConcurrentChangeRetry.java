package io.brigade.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command again when another instance of the service appended to the same aggregate first: the store's unique
 * (aggregate, sequence) key refused this append, so nothing of it was stored, and the command is handled again on the
 * aggregate as it now stands. Only that conflict is retried; a refusal by the aggregate's rules is the answer. After a
 * few attempts the conflict stands (409 concurrent-change).
 */
public class ConcurrentChangeRetry implements RetryScheduler {

    private final int maxRetries;
    private final Duration backoff;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "concurrent-change-retry");
        thread.setDaemon(true);
        return thread;
    });

    public ConcurrentChangeRetry(int maxRetries, Duration backoff) {
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    @Override
    public boolean scheduleRetry(CommandMessage commandMessage, RuntimeException lastFailure,
                                 List<Class<? extends Throwable>[]> failures, Runnable commandDispatch) {
        if (!isConcurrentChange(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        // a random share of a growing wait, so two instances that collided do not collide again in step
        long wait = ThreadLocalRandom.current().nextLong(backoff.toMillis() * failures.size() + 1);
        executor.schedule(commandDispatch, wait, TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean isConcurrentChange(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
