package dev.softphone.activity;

import dev.softphone.internal.activity.DelayOnlyScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Executor and scheduler driven by the test thread: {@link #execute} queues, {@link #runReady()} runs the queue,
 * {@link #advance(Duration)} moves the clock and runs what falls due. Thread-safe for submitters (the spool's writer
 * thread submits deliveries); tasks only ever run on the thread calling runReady/advance.
 */
final class ManualScheduler extends DelayOnlyScheduler {
    private final ManualClock clock;
    private final Queue<Runnable> ready = new ArrayDeque<>();
    private final List<Timed> timed = new ArrayList<>();

    ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    private final class Timed extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        final Instant due;
        final Runnable task;

        Timed(Instant due, Runnable task) {
            this.due = due;
            this.task = task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }
    }

    /** Runs queued tasks (and the tasks they queue) until none is left. */
    void runReady() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = ready.poll();
            }
            if (next == null) {
                return;
            }
            next.run();
        }
    }

    /** Moves time forward, running due timers in order, and then everything ready. */
    void advance(Duration d) {
        Instant target = clock.instant().plus(d);
        runReady();
        while (true) {
            Timed next;
            synchronized (this) {
                next = timed.stream().filter(t -> !t.due.isAfter(target) && !t.isDone())
                        .min(Comparator.comparing(t -> t.due)).orElse(null);
                if (next != null) {
                    timed.remove(next);
                }
            }
            if (next == null) {
                break;
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.task.run();
            next.complete(null);
            runReady();
        }
        clock.set(target);
        runReady();
    }

    synchronized int pendingTimers() {
        return (int) timed.stream().filter(t -> !t.isDone()).count();
    }

    @Override
    public synchronized void execute(Runnable command) {
        ready.add(command);
    }

    @Override
    public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Timed t = new Timed(clock.instant().plusNanos(unit.toNanos(delay)), command);
        timed.add(t);
        return t;
    }
}
