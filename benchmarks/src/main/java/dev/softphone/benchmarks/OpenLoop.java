package dev.softphone.benchmarks;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop round-trip measurement at a fixed rate, run in slices (so two measurements can take turns under the
 * same machine load). Within a slice, request {@code k} is due at {@code sliceStart + (k - first) / rate}; the pacing
 * thread starts it at that time or, when it fell behind, at once — it never waits for earlier answers. The latency of
 * request {@code k} is taken from its <em>intended</em> start, not from when it was actually sent, so a stall (GC, a
 * busy core, a slow answer) counts against every request it delayed instead of silently lowering the rate (no
 * coordinated omission). The first {@code warmup} requests are sent but not recorded.
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

    private final long period;
    private int warmup;
    private int total;
    /** Written by the pacing thread before request k starts; the request's hand-off publishes it. */
    private final long[] intended;
    /** When the pacing thread called request k's start, and when that call returned (pacing thread only). */
    private final long[] started;
    private final long[] returned;
    private final long[] latency;
    private final AtomicLong answers = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private int next;
    private long measuredNanos;

    /**
     * @param rate     requests per second
     * @param warmup   requests sent but not recorded
     * @param measured requests recorded
     */
    OpenLoop(int rate, int warmup, int measured) {
        this(rate, warmup, measured, 0);
    }

    /**
     * @param rate     requests per second
     * @param warmup   requests sent but not recorded
     * @param measured requests recorded
     * @param spare    how many requests {@link #extendWarmup} may add to the warm-up in all
     */
    OpenLoop(int rate, int warmup, int measured, int spare) {
        this.period = TimeUnit.SECONDS.toNanos(1) / rate;
        this.warmup = warmup;
        this.total = warmup + measured;
        this.intended = new long[total + spare];
        this.started = new long[total + spare];
        this.returned = new long[total + spare];
        this.latency = new long[total + spare];
        Arrays.fill(latency, -1);
    }

    /** @return requests not sent yet */
    int remaining() {
        return total - next;
    }

    /**
     * Lengthens the warm-up by {@code more} requests; the measured ones come after them. Only before the first
     * measured request was sent, between slices, and within the spare room given to the constructor (the arrays are
     * never replaced, so a late answer to a warm-up request is harmless).
     *
     * @param more how many requests to add to the warm-up
     * @throws IllegalStateException when a measured request was sent already or the spare room is used up
     */
    void extendWarmup(int more) {
        if (next > warmup) {
            throw new IllegalStateException("the measured requests have started; the warm-up cannot grow");
        }
        if (total + more > latency.length) {
            throw new IllegalStateException("the warm-up can grow by " + (latency.length - total) + " more requests, "
                    + "not " + more);
        }
        warmup += more;
        total += more;
    }

    /** @return requests of the warm-up not sent yet */
    int remainingWarmup() {
        return Math.max(0, warmup - next);
    }

    /**
     * Sends the next {@code count} requests on the calling thread, each at its due time, then waits (at most
     * {@code drainMillis}) for every request sent so far to be answered, so the next slice starts from quiet.
     *
     * @param request     starts one request
     * @param count       how many
     * @param drainMillis how long to wait for the answers
     */
    void runSlice(Request request, int count, long drainMillis) {
        int first = next;
        int end = Math.min(total, first + count);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
        for (int k = first; k < end; k++) {
            long due = start + (k - first) * period;
            intended[k] = due;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            started[k] = System.nanoTime();
            try {
                request.start(k);
            } catch (Exception e) {
                failed(k, e);
            }
            returned[k] = System.nanoTime();
        }
        if (end > Math.max(first, warmup)) {
            // the measured part of this slice, from the first measured request's due time to the last one's send
            measuredNanos += System.nanoTime() - intended[Math.max(first, warmup)];
        }
        next = end;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        while (answers.get() + failures.get() < next && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }

    /**
     * Request {@code k} was answered now.
     *
     * @param k the request's number
     */
    void answered(int k) {
        answeredAt(k, System.nanoTime());
    }

    /**
     * Request {@code k} was answered at {@code nanos}.
     *
     * @param k     the request's number
     * @param nanos when ({@link System#nanoTime()})
     */
    void answeredAt(int k, long nanos) {
        latency[k] = nanos - intended[k];
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

    /** @return recorded requests (after the warm-up) that failed or never got an answer */
    long unanswered() {
        long missing = 0;
        for (int k = warmup; k < total; k++) {
            if (latency[k] < 0) {
                missing++;
            }
        }
        return missing;
    }

    /** @return requests sent so far, warm-up included */
    int sent() {
        return next;
    }

    /** @return the first recorded request's number (the warm-up's size) */
    int firstMeasured() {
        return warmup;
    }

    /**
     * @param k a request's number
     * @return when it was due ({@link System#nanoTime()})
     */
    long intendedNanos(int k) {
        return intended[k];
    }

    /**
     * @param k a request's number, sent
     * @return when the pacing thread called its start ({@link System#nanoTime()}): its due time, or later when the
     *         thread fell behind
     */
    long startedNanos(int k) {
        return started[k];
    }

    /**
     * @param k a request's number, sent
     * @return when its start returned ({@link System#nanoTime()})
     */
    long returnedNanos(int k) {
        return returned[k];
    }

    /**
     * @param k a request's number
     * @return its round trip from its due time in nanoseconds, or -1 when it was not answered
     */
    long latencyNanos(int k) {
        return latency[k];
    }

    /** @return requests recorded (after the warm-up) */
    int measured() {
        return total - warmup;
    }

    /** @return requests per second actually started during the recorded slices */
    double achievedRate() {
        return measuredNanos <= 0 ? Double.NaN : measured() / (measuredNanos / 1e9);
    }

    /**
     * @param quantile e.g. 0.99
     * @return the latency at that quantile of the answered, recorded requests, in microseconds (NaN when none)
     */
    double quantileMicros(double quantile) {
        long[] sorted = Arrays.stream(latency, warmup, total).filter(l -> l >= 0).sorted().toArray();
        return sorted.length == 0 ? Double.NaN : quantileMicros(sorted, quantile);
    }

    /**
     * @param sortedNanos values in nanoseconds, sorted, at least one
     * @param quantile    e.g. 0.99
     * @return the smallest value that at least that share of the values do not exceed, in microseconds
     */
    static double quantileMicros(long[] sortedNanos, double quantile) {
        int at = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, at)] / 1e3;
    }
}
