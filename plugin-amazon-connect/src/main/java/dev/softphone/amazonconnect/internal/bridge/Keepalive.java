package dev.softphone.amazonconnect.internal.bridge;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Schedules the transports' WebSocket pings on one shared daemon thread: pings are tiny and rare, and thousands of
 * pages must not mean thousands of timers' threads.
 */
public final class Keepalive {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "softphone-bridge-keepalive");
        t.setDaemon(true);
        return t;
    });

    private Keepalive() {
    }

    /**
     * Runs a ping every interval until cancelled.
     *
     * @param interval the period
     * @param ping     sends one ping; must not block for long and must not throw
     * @return the schedule, to cancel when the socket closes
     */
    public static ScheduledFuture<?> every(Duration interval, Runnable ping) {
        long ms = interval.toMillis();
        return TIMER.scheduleAtFixedRate(ping, ms, ms, TimeUnit.MILLISECONDS);
    }
}
