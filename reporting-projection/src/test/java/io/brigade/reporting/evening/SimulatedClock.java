package io.brigade.reporting.evening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock the services stamp their events with during a simulated evening: the real clock moved to another
 * instant, and moved on by the evening's script. It only ever goes forward.
 */
final class SimulatedClock extends Clock {

    private final AtomicReference<Duration> offset;

    SimulatedClock(Instant startsAt) {
        this.offset = new AtomicReference<>(Duration.between(Instant.now(), startsAt));
    }

    void advance(Duration by) {
        offset.updateAndGet(current -> current.plus(by));
    }

    /** Moves on to {@code instant}, if that is later than now. */
    void advanceTo(Instant instant) {
        Duration by = Duration.between(instant(), instant);
        if (!by.isNegative()) {
            advance(by);
        }
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
