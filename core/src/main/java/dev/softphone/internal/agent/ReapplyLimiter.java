package dev.softphone.internal.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Counts re-applies in a sliding minute of the phone's clock, so that a softphone and the SDK that keep undoing each
 * other stop after a bounded number of rounds (rule A18). Used on the phone's lane only.
 */
final class ReapplyLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int max;
    private final Deque<Instant> recent = new ArrayDeque<>();

    ReapplyLimiter(int max) {
        this.max = max;
    }

    /**
     * Takes one re-apply if the budget allows.
     *
     * @param now the phone clock's now
     * @return true when the re-apply may go ahead
     */
    boolean tryAcquire(Instant now) {
        Instant horizon = now.minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
            recent.removeFirst();
        }
        if (recent.size() >= max) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    int max() {
        return max;
    }

    void reset() {
        recent.clear();
    }
}
