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
     * Cleared with {@code set(null)}, not {@code remove()}: {@code get()} on a thread without an entry creates one
     * holding null anyway, so {@code remove()} only made every lent task pay for deleting the entry and the next
     * {@code get()} for creating it again.
     */
    private static final ThreadLocal<Boolean> RUNNING_A_LANE = new ThreadLocal<>();

    /** How many queued tasks a lent thread runs after its own before it leaves the rest to the executor. */
    static final int LENT_BURST = 8;

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
     * {@link #execute(Runnable)}, marked as one a lent thread may run. The caller lends its thread for this task, and
     * for the tasks so marked that were queued behind it meanwhile (at most {@value #LENT_BURST}), stopping at the
     * first other one: whatever else is submitted while it runs goes to the executor afterwards.
     *
     * <p>Why the marked ones: a command's answer may arrive while the thread that sent it is still finishing its lent
     * task (on a loaded 2-core server, in about 6% of commands); it then waits in the queue, and would otherwise need
     * a pool thread to wake up for a task the lent thread can run next (docs/performance.md, command latency).
     *
     * @param task a short task that does not block and publishes nothing to listeners
     */
    public void runIfIdle(Runnable task) {
        if (!lendsCallers || RUNNING_A_LANE.get() != null) {
            execute(lendsCallers ? new Lendable(task) : task);
            return;
        }
        synchronized (this) {
            if (draining) {
                queue.add(new Lendable(task));
                return;
            }
            draining = true;
        }
        RUNNING_A_LANE.set(Boolean.TRUE);
        try {
            runOne(task);
            if (runQueued(LENT_BURST, true)) {
                return;
            }
        } finally {
            RUNNING_A_LANE.set(null);
        }
        synchronized (this) {
            if (queue.isEmpty()) {
                draining = false;
                return;
            }
        }
        handOff();
    }

    /** A task submitted through {@link #runIfIdle}: a thread lent to this lane may run it. */
    private record Lendable(Runnable task) implements Runnable {
        @Override
        public void run() {
            task.run();
        }
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
            while (!runQueued(Integer.MAX_VALUE, false)) {
                // until the queue runs empty, however long that takes
            }
        } finally {
            if (outermost) {
                RUNNING_A_LANE.set(null);
            }
        }
    }

    /**
     * Runs queued tasks on this thread, one at a time: at most {@code max}, and with {@code lentOnly} only those
     * submitted through {@link #runIfIdle}, stopping at the first other one. The caller holds the lane
     * ({@code draining}).
     *
     * @return true when the queue ran empty, which ends the drain (the lane is idle again)
     */
    private boolean runQueued(int max, boolean lentOnly) {
        for (int n = 0; n < max; n++) {
            Runnable next;
            synchronized (this) {
                next = queue.peek();
                if (next == null) {
                    draining = false;
                    return true;
                }
                if (lentOnly && !(next instanceof Lendable)) {
                    return false;
                }
                queue.poll();
            }
            runOne(next);
        }
        return false;
    }

    private static void runOne(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.error("a task on a phone lane failed; the lane continues", e);
        }
    }
}
