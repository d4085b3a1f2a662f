package dev.softphone.internal.context;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide default executor for call context store calls, which may block on a database: a few daemon
 * threads that exit when idle, so blocking I/O never occupies the shared pool the phone lanes run on.
 */
public final class ContextExecutor {
    private static final int THREADS = 4;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private ContextExecutor() {
    }

    /** @return the shared executor */
    public static Executor shared() {
        return Holder.EXECUTOR;
    }

    private static final class Holder {
        static final Executor EXECUTOR = create();

        private static Executor create() {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "softphone-context-" + COUNTER.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}
