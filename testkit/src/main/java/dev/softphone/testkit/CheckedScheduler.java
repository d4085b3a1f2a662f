package dev.softphone.testkit;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The context's scheduler as the compatibility kit hands it to a driver: tasks run on the real scheduler, but an
 * exception escaping a task is recorded in {@link AsyncFailures} before the scheduler swallows it into its future
 * (a periodic poll that throws stops silently; the test should say so). Shutting it down is refused, since the
 * scheduler is shared (rule P14).
 */
final class CheckedScheduler extends java.util.concurrent.AbstractExecutorService
        implements ScheduledExecutorService {
    private final ScheduledExecutorService real;
    private final AsyncFailures failures;

    CheckedScheduler(ScheduledExecutorService real, AsyncFailures failures) {
        this.real = real;
        this.failures = failures;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return real.schedule(checked(command), delay, unit);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return real.schedule(() -> {
            try {
                return callable.call();
            } catch (Exception | Error e) {
                failures.uncaught(Thread.currentThread(), e);
                throw e;
            }
        }, delay, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return real.scheduleAtFixedRate(checked(command), initialDelay, period, unit);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                     TimeUnit unit) {
        return real.scheduleWithFixedDelay(checked(command), initialDelay, delay, unit);
    }

    @Override
    public void execute(Runnable command) {
        real.execute(checked(command));
    }

    @Override
    public void shutdown() {
        failures.violation("P14: the driver shut down the context's shared scheduler");
    }

    @Override
    public List<Runnable> shutdownNow() {
        failures.violation("P14: the driver shut down the context's shared scheduler");
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return real.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return real.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return real.awaitTermination(timeout, unit);
    }

    private Runnable checked(Runnable task) {
        return failures.guard(task);
    }
}
