package dev.softphone.amazonconnect.internal.bridge;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the transports share about a socket's life: its WebSocket pings, scheduled on one shared daemon thread (pings
 * are tiny and rare, and thousands of pages must not mean thousands of timers' threads), and how its end is told.
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

    /**
     * Stops a socket's pings and says how it ended, in the words {@code BridgeSession.transportClosed} gets.
     *
     * @param pings  the socket's ping schedule, or null
     * @param code   the close code
     * @param reason the close reason, or null
     * @return e.g. {@code socket closed (1001 server stopping)}
     */
    public static String ended(ScheduledFuture<?> pings, int code, String reason) {
        if (pings != null) {
            pings.cancel(false);
        }
        return "socket closed (" + code + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")";
    }
}
