package dev.softphone.avaya;

import dev.softphone.testkit.DeterministicScheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DeterministicScheduler} that also records every delay scheduled, so a test can wait (without sleeping) until
 * the driver has scheduled its next poll or retry from an HTTP thread, and then move time to run it.
 */
final class AwaitableScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final DeterministicScheduler delegate = DeterministicScheduler.create();
    private final List<Duration> scheduled = new ArrayList<>();

    DeterministicScheduler deterministic() {
        return delegate;
    }

    /** @return every delay scheduled so far, in order */
    synchronized List<Duration> delays() {
        return List.copyOf(scheduled);
    }

    /**
     * Waits until at least {@code count} tasks with this delay were scheduled.
     *
     * @param delay   the delay
     * @param count   how many
     * @param timeout the most to wait
     */
    synchronized void awaitScheduled(Duration delay, long count, Duration timeout) {
        awaitScheduled(delay::equals, count, timeout);
    }

    /**
     * Waits until at least {@code count} tasks with a matching delay were scheduled.
     *
     * @param delay   which delays count
     * @param count   how many
     * @param timeout the most to wait
     */
    synchronized void awaitScheduled(java.util.function.Predicate<Duration> delay, long count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (scheduled.stream().filter(delay).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " tasks scheduled after " + delay + " within "
                        + timeout + "; scheduled so far: " + scheduled);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** @param delay a delay @return how many tasks with it were scheduled */
    synchronized long count(Duration delay) {
        return count(delay::equals);
    }

    /** @param delay which delays count @return how many tasks with a matching delay were scheduled */
    synchronized long count(java.util.function.Predicate<Duration> delay) {
        return scheduled.stream().filter(delay).count();
    }

    private synchronized void record(long delay, TimeUnit unit) {
        scheduled.add(Duration.ofNanos(unit.toNanos(delay)));
        notifyAll();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        ScheduledFuture<?> f = delegate.schedule(command, delay, unit);
        record(delay, unit);
        return f;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        record(delay, unit);
        return delegate.schedule(callable, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        record(initialDelay, unit);
        return delegate.scheduleAtFixedRate(command, initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        record(initialDelay, unit);
        return delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(command);
    }

    @Override
    public void shutdown() {
        delegate.shutdown();
    }

    @Override
    public List<Runnable> shutdownNow() {
        return delegate.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        return delegate.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return delegate.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return delegate.awaitTermination(timeout, unit);
    }
}
