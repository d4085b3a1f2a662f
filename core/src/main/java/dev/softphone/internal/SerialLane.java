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
 *
 * <p>A lane that {@linkplain #SerialLane(Executor, boolean) lends callers' threads} may also run a task on the thread
 * that submits it, through {@link #runIfIdle(Runnable)}: a short task whose latency that thread's caller waits for (a
 * command's planning, a command's completion) then costs no thread hand-off. Order is kept the same way: the task runs
 * only when nothing is queued or running, and what is submitted meanwhile queues behind it.
 */
public final class SerialLane implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLane.class);

    /**
     * Set while the current thread runs some lane's task, so a task that submits to a lane (its own or another
     * phone's) never runs that work nested inside itself.
     */
    private static final ThreadLocal<Boolean> RUNNING_A_LANE = new ThreadLocal<>();

    private final Executor executor;
    private final boolean lendsCallers;
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean draining;

    /**
     * A lane whose tasks all run on the executor.
     *
     * @param executor the shared executor the lane borrows threads from
     */
    public SerialLane(Executor executor) {
        this(executor, false);
    }

    /**
     * @param executor     the shared executor the lane borrows threads from
     * @param lendsCallers whether {@link #runIfIdle(Runnable)} may run a task on the submitting thread; false when the
     *                     application chose the executor, since it then decides where phone work runs
     */
    public SerialLane(Executor executor, boolean lendsCallers) {
        this.executor = executor;
        this.lendsCallers = lendsCallers;
    }

    /** @return true when {@link #runIfIdle(Runnable)} may run tasks on the submitting thread */
    public boolean lendsCallers() {
        return lendsCallers;
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
            handOff();
        }
    }

    /**
     * Runs the task at once on the calling thread when this lane lends callers' threads, has nothing queued or
     * running, and the calling thread is not itself running a lane's task; otherwise it is queued as by
     * {@link #execute(Runnable)}. The caller lends its thread for this one task only: whatever is submitted while it
     * runs goes to the executor afterwards.
     *
     * @param task a short task that does not block
     */
    public void runIfIdle(Runnable task) {
        if (!lendsCallers || RUNNING_A_LANE.get() != null) {
            execute(task);
            return;
        }
        synchronized (this) {
            if (draining) {
                queue.add(task);
                return;
            }
            draining = true;
        }
        RUNNING_A_LANE.set(Boolean.TRUE);
        try {
            runOne(task);
        } finally {
            RUNNING_A_LANE.remove();
        }
        synchronized (this) {
            if (queue.isEmpty()) {
                draining = false;
                return;
            }
        }
        handOff();
    }

    /** Starts a drain on the executor; the caller has set {@code draining}. */
    private void handOff() {
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

    private void drain() {
        boolean outermost = RUNNING_A_LANE.get() == null;
        RUNNING_A_LANE.set(Boolean.TRUE);
        try {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        draining = false;
                        return;
                    }
                }
                runOne(next);
            }
        } finally {
            if (outermost) {
                RUNNING_A_LANE.remove();
            }
        }
    }

    private static void runOne(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("a task on a phone lane failed; the lane continues", e);
        }
    }
}
