package dev.softphone.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide defaults when a builder is given no executor or scheduler. Daemon threads, never shut down. */
public final class SharedExecutors {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private SharedExecutors() {
    }

    /**
     * The SDK's own pool rather than the common pool: on a 2-core machine the common pool has a single worker, which
     * the application's own {@code parallelStream} or {@code *Async} calls would share with every phone's lane (and
     * {@code CompletableFuture} falls back to a thread per task when the common pool has fewer than two workers).
     * FIFO (async mode), since lanes are event queues, not fork/join work; daemon threads, never shut down.
     *
     * @return the shared executor for phone lanes and blocking plugin work
     */
    public static Executor executor() {
        return Holder.EXECUTOR;
    }

    /** @return the shared scheduler for timeouts and timers */
    public static ScheduledExecutorService scheduler() {
        return Holder.SCHEDULER;
    }

    /** How often the timer thread wakes when nothing else is due (see {@code Holder.create}). */
    static final Duration ANCHOR_PERIOD = Duration.ofMillis(500);

    private static final class Holder {
        static final ScheduledExecutorService SCHEDULER = create();
        static final ForkJoinPool EXECUTOR = new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                pool -> {
                    ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
                    t.setName("softphone-worker-" + THREADS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, null, true);

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "softphone-timer-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            // Every command arms a timeout (core's, and the driver's) that is cancelled a moment later when the
            // answer comes. With an empty queue each new timeout becomes the queue's head, and the executor wakes
            // its thread only to sleep again: two thread wake-ups per command, which on a busy server cost as much
            // CPU as the command itself (docs/performance.md, command latency). A near, recurring anchor stays at
            // the head instead, so a timeout seconds away is queued without a wake-up; the anchor itself wakes the
            // thread once per ANCHOR_PERIOD.
            s.scheduleAtFixedRate(() -> { }, ANCHOR_PERIOD.toNanos(), ANCHOR_PERIOD.toNanos(), TimeUnit.NANOSECONDS);
            return s;
        }
    }
}
