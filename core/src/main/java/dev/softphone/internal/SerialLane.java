package dev.softphone.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared executor. Many lanes share one executor, so thousands
 * of phones do not need thousands of threads: a lane occupies a thread only while it has work, and gives it back when
 * its queue is empty. A task that throws is logged and the lane goes on.
 *
 * <p>With a direct executor ({@code Runnable::run}) tasks run on the submitting thread; a task submitted from inside a
 * running task is queued and runs after it (never nested), which keeps ordering and avoids recursion.
 */
public final class SerialLane implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);

    private final Executor executor;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    /**
     * @param executor the shared executor the lane borrows threads from
     */
    public SerialLane(Executor executor) {
        this.executor = executor;
    }

    @Override
    public void execute(Runnable task) {
        boolean start;
        synchronized (this) {
            queue.add(task);
            start = !draining;
            draining = true;
        }
        if (start) {
            try {
                executor.execute(this::drain);
            } catch (RuntimeException rejected) {
                synchronized (this) {
                    draining = false;
                    queue.clear();
                }
                throw rejected;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.error("a task on a phone lane failed; the lane continues", e);
            }
        }
    }
}
