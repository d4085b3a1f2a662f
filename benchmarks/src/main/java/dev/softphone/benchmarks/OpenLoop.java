package dev.softphone.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop round-trip measurement at a fixed rate. Request {@code k} is due at {@code start + k / rate}; the
 * pacing thread starts it at that time or, when it fell behind, at once — it never waits for earlier answers. The
 * latency of request {@code k} is taken from its <em>intended</em> start, not from when it was actually sent, so a
 * stall (GC, a busy core, a slow answer) counts against every request it delayed instead of silently lowering the
 * rate (no coordinated omission). Requests during the warm-up are sent but not recorded.
 */
final class OpenLoop {
    /** Starts request {@code k}; its answer must call {@link OpenLoop#answered(int)} or {@link OpenLoop#failed}. */
    @FunctionalInterface
    interface Request {
        /**
         * @param k the request's number
         * @throws Exception counted as a failed request
         */
        void start(int k) throws Exception;
    }

    private final int warmup;
    private final int total;
    private final long period;
    private final long[] latency;
    private volatile long start;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile long lastSentNanos;
    private volatile long firstMeasuredNanos;

    /**
     * @param rate           requests per second
     * @param warmupSeconds  seconds sent but not recorded
     * @param measureSeconds seconds recorded
     */
    OpenLoop(int rate, double warmupSeconds, double measureSeconds) {
        this.warmup = (int) Math.round(rate * warmupSeconds);
        this.total = warmup + (int) Math.round(rate * measureSeconds);
        this.period = TimeUnit.SECONDS.toNanos(1) / rate;
        this.latency = new long[total];
        Arrays.fill(latency, -1);
    }

    /**
     * Sends every request on the calling thread at its due time, then waits (at most {@code drain}) for the answers.
     *
     * @param request starts one request
     * @param drainMillis how long to wait for the last answers
     */
    void run(Request request, long drainMillis) {
        start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
        for (int k = 0; k < total; k++) {
            long due = start + k * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (k == warmup) {
                firstMeasuredNanos = System.nanoTime();
            }
            try {
                request.start(k);
            } catch (Exception e) {
                failed(k, e);
            }
            lastSentNanos = System.nanoTime();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (answers.get() + failures.get() < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * Request {@code k} was answered now.
     *
     * @param k the request's number
     */
    void answered(int k) {
        long now = System.nanoTime();
        latency[k] = now - (start + k * period);
        answers.incrementAndGet();
    }

    /**
     * Request {@code k} failed.
     *
     * @param k     the request's number
     * @param cause why
     */
    void failed(int k, Throwable cause) {
        if (failures.incrementAndGet() <= 3) {
            System.err.println("request " + k + " failed: " + cause);
        }
    }

    /** @return requests recorded (after the warm-up) that never got an answer or failed */
    long unanswered() {
        long missing = 0;
        for (int k = warmup; k < total; k++) {
            if (latency[k] < 0) {
                missing++;
            }
        }
        return missing;
    }

    /** @return requests recorded (after the warm-up) */
    int measured() {
        return total - warmup;
    }

    /** @return requests per second actually started during the measured part */
    double achievedRate() {
        double seconds = (lastSentNanos - firstMeasuredNanos) / 1e9;
        return seconds <= 0 ? Double.NaN : (measured() - 1) / seconds;
    }

    /**
     * @param quantile e.g. 0.99
     * @return the latency at that quantile of the answered, recorded requests, in microseconds (NaN when none)
     */
    double quantileMicros(double quantile) {
        long[] sorted = Arrays.stream(latency, warmup, total).filter(l -> l >= 0).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int at = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, at)] / 1e3;
    }
}
