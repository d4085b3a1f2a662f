package dev.softphone.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the test says so (core's tests cannot use the testkit, which depends on core). Public
 * for the tests of other core packages (call context stores).
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** @param start the first instant */
    public ManualClock(Instant start) {
        this.now = start;
    }

    /** @param d how far to move */
    public void advance(Duration d) {
        now = now.plus(d);
    }

    /** @param instant the new time */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
