package dev.softphone.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduler whose time moves only when a test says so, tied to a {@link MutableClock}. Tasks run on the thread
 * that calls {@link #advance(Duration)} or {@link #runDueTasks()}, in due-time order; {@link #execute(Runnable)} runs
 * a task at once on the caller's thread. Give it to {@code PhoneBuilder.scheduler(...)} and {@code executor(...)}
 * and a whole phone runs deterministically on the test thread.
 */
public final class DeterministicScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final MutableClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long sequence;
    private boolean shutdown;

    /**
     * @param clock the clock this scheduler moves
     */
    public DeterministicScheduler(MutableClock clock) {
        this.clock = clock;
    }

    /** @return a scheduler over a new clock at {@link MutableClock#atMondayMorning()} */
    public static DeterministicScheduler create() {
        return new DeterministicScheduler(MutableClock.atMondayMorning());
    }

    /** @return the clock */
    public MutableClock clock() {
        return clock;
    }

    /**
     * Moves time forward, running every task that falls due on the way, at its due time (the clock shows each
     * task's due time while it runs).
     *
     * @param amount how far
     */
    public void advance(Duration amount) {
        long target = nanos() + amount.toNanos();
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due > target) {
                    break;
                }
                queue.poll();
            }
            if (next.due > nanos()) {
                clock.set(instantOf(next.due));
            }
            next.runOnce();
        }
        if (target > nanos()) {
            clock.set(instantOf(target));
        }
    }

    /** Runs the tasks already due, without moving time. */
    public void runDueTasks() {
        advance(Duration.ZERO);
    }

    /** @return how many scheduled tasks wait */
    public synchronized int pendingTasks() {
        return (int) queue.size();
    }

    private long nanos() {
        java.time.Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    // ----- ScheduledExecutorService -----

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(() -> {
            command.run();
            return null;
        }, nanos() + unit.toNanos(Math.max(0, delay)), 0));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, nanos() + unit.toNanos(Math.max(0, delay)), 0));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Task<>(() -> {
            command.run();
            return null;
        }, nanos() + unit.toNanos(initialDelay), unit.toNanos(period)));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        return scheduleAtFixedRate(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        command.run();
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        for (Task<?> t : queue) {
            left.add(t::runOnce);
        }
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("scheduler is shut down");
        }
        task.seq = sequence++;
        queue.add(task);
        return task;
    }

    private static java.time.Instant instantOf(long nanos) {
        return java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L),
                Math.floorMod(nanos, 1_000_000_000L));
    }

    private final class Task<V> implements ScheduledFuture<V> {
        private final Callable<V> body;
        private final long period;
        private long due;
        private long seq;
        private volatile boolean cancelled;
        private volatile boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> body, long due, long period) {
            this.body = body;
            this.due = due;
            this.period = period;
        }

        void runOnce() {
            if (cancelled || done) {
                return;
            }
            try {
                V value = body.call();
                if (period <= 0) {
                    result = value;
                    done = true;
                }
            } catch (Throwable t) {
                // Like ScheduledThreadPoolExecutor: a failing periodic task stops repeating.
                failure = t;
                done = true;
            }
            if (period > 0 && !done && !cancelled) {
                due += period;
                synchronized (DeterministicScheduler.this) {
                    queue.add(this);
                }
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(due - nanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = Long.compare(due, other.due);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            synchronized (DeterministicScheduler.this) {
                queue.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (cancelled) {
                throw new CancellationException();
            }
            if (!done) {
                throw new IllegalStateException("a deterministic task is not done until the test advances time");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException, TimeoutException {
            if (!done && !cancelled) {
                throw new TimeoutException("not due yet");
            }
            return get();
        }
    }
}
