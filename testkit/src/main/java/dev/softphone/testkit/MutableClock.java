package dev.softphone.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand. Thread-safe. Usually driven through {@link DeterministicScheduler}. */
public final class MutableClock extends Clock {
    private volatile Instant now;

    /**
     * @param start the initial instant
     */
    public MutableClock(Instant start) {
        this.now = start;
    }

    /** @return a clock at 2026-01-05T09:00:00Z, a Monday morning */
    public static MutableClock atMondayMorning() {
        return new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    }

    /**
     * @param amount how far to move forward
     */
    public synchronized void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + amount);
        }
        now = now.plus(amount);
    }

    /**
     * @param instant the new now; must not be before the current one
     */
    public synchronized void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("a clock does not go back: " + instant + " < " + now);
        }
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is always UTC");
    }

    @Override
    public Instant instant() {
        return now;
    }
}
