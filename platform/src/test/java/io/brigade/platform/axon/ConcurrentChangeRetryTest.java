package io.brigade.platform.axon;

import io.brigade.platform.problem.ConflictException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentChangeRetryTest {

    private final ConcurrentChangeRetry retry = new ConcurrentChangeRetry(3, Duration.ofMillis(5));
    private final GenericCommandMessage<String> command = new GenericCommandMessage<>("add a line");

    @AfterEach
    void stop() {
        retry.shutdown();
    }

    @Test
    void aCommandThatLostTheRaceForItsAggregate_isSentAgain() throws Exception {
        CountDownLatch sentAgain = new CountDownLatch(1);
        RuntimeException lost = new IllegalStateException("commit failed",
                new ConcurrencyException("sequence 4 of order o-1 was appended meanwhile"));

        assertThat(retry.scheduleRetry(command, lost, failures(1), sentAgain::countDown)).isTrue();
        assertThat(sentAgain.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aRefusalByTheRules_isTheAnswer_notRetried() {
        assertThat(retry.scheduleRetry(command, new ConflictException("the order is closed"), failures(1),
                () -> { })).isFalse();
    }

    @Test
    void afterTheLastRetry_theConflictStands() {
        assertThat(retry.scheduleRetry(command, new ConcurrencyException("again"), failures(4), () -> { }))
                .isFalse();
    }

    @SuppressWarnings("unchecked")
    private static List<Class<? extends Throwable>[]> failures(int count) {
        List<Class<? extends Throwable>[]> failures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            failures.add(new Class[]{ConcurrencyException.class});
        }
        return failures;
    }
}
