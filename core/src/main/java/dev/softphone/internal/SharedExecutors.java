package dev.softphone.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide defaults when a builder is given no executor or scheduler. Daemon threads, never shut down. */
public final class SharedExecutors {
    private static final AtomicInteger THREADS = new AtomicInteger();

    private SharedExecutors() {
    }

    /** @return the shared executor for phone lanes and blocking plugin work */
    public static Executor executor() {
        return ForkJoinPool.commonPool();
    }

    /** @return the shared scheduler for timeouts and timers */
    public static ScheduledExecutorService scheduler() {
        return Holder.SCHEDULER;
    }

    private static final class Holder {
        static final ScheduledExecutorService SCHEDULER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "softphone-timer-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            return s;
        }
    }
}
