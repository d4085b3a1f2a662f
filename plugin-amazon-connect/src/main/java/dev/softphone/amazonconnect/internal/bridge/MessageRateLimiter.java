package dev.softphone.amazonconnect.internal.bridge;

import java.time.Clock;

/**
 * A token bucket for the messages of one bridge page: {@code burst} messages at once, refilled at {@code perSecond}.
 * A well-behaved page sends a snapshot per change (a few per second at most); a page that floods the bridge exceeds
 * the bucket and is disconnected, so it cannot starve the other phones' relays. Not thread-safe: the caller holds
 * the session's lock.
 */
public final class MessageRateLimiter {
    private final Clock clock;
    private final double perMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    /**
     * @param perSecond messages per second allowed on average (positive)
     * @param burst     messages allowed at once (at least 1)
     * @param clock     the time the bucket refills by
     */
    public MessageRateLimiter(int perSecond, int burst, Clock clock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("a message rate needs perSecond > 0 and burst >= 1, got " + perSecond
                    + "/s and " + burst);
        }
        this.clock = clock;
        this.perMilli = perSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = clock.millis();
    }

    /** @return true when one more message is allowed now (it is counted); false when the page is over its rate */
    public boolean tryAcquire() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(burst, tokens + (now - lastMillis) * perMilli);
            lastMillis = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
