package dev.softphone.testkit;

import dev.softphone.Leg;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps the plugin under test so the compatibility kit can watch the seam between core and the driver: what the
 * driver reports (checked for rules P4, P6 and P11), whether {@code execute} returns before the vendor answers
 * (P12), whether it throws instead of failing the stage (P7), and failures in tasks it runs on the context's
 * executor and scheduler. Behaviour is otherwise the plugin's own.
 */
final class InstrumentedPlugin extends ForwardingPlugin {
    private final AsyncFailures failures;
    private volatile InstrumentedDriver driver;

    InstrumentedPlugin(SoftphonePlugin plugin, AsyncFailures failures) {
        super(plugin);
        this.failures = failures;
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        CheckedContext checked = new CheckedContext(context);
        InstrumentedDriver created = new InstrumentedDriver(delegate.create(checked), checked);
        driver = created;
        return created;
    }

    /** @return the driver of the phone built last */
    InstrumentedDriver driver() {
        InstrumentedDriver d = driver;
        if (d == null) {
            throw new IllegalStateException("no phone was built with the instrumented plugin yet");
        }
        return d;
    }

    /** The driver as core sees it, with counters the kit waits on. */
    final class InstrumentedDriver extends ForwardingDriver {
        private final CheckedContext context;
        private int executeReturns;

        InstrumentedDriver(SoftphoneDriver delegate, CheckedContext context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public CompletionStage<Void> execute(DriverCommand command) {
            CompletionStage<Void> stage;
            try {
                stage = delegate.execute(command);
            } catch (RuntimeException e) {
                failures.violation("P7: execute(" + command.describe() + ") threw " + e
                        + " instead of returning a failed stage");
                throw e;
            } finally {
                synchronized (this) {
                    executeReturns++;
                    notifyAll();
                }
            }
            if (stage == null) {
                failures.violation("P7: execute(" + command.describe() + ") returned null instead of a stage");
            }
            return stage;
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                context.closed = true;
            }
        }

        /** @return how many calls of {@code execute} have returned */
        synchronized int executeReturns() {
            return executeReturns;
        }

        /**
         * Waits until {@code execute} has returned {@code count} times in all.
         *
         * @param count   the total to reach
         * @param timeout the most to wait
         * @return true when reached
         */
        synchronized boolean awaitExecuteReturns(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (executeReturns < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    /** The context as the driver sees it: every report is checked before core gets it. */
    final class CheckedContext extends ForwardingContext {
        private final AtomicInteger reporting = new AtomicInteger();
        private final Executor executor;
        private final ScheduledExecutorService scheduler;
        private volatile boolean closed;

        CheckedContext(PluginContext delegate) {
            super(delegate);
            this.scheduler = new CheckedScheduler(delegate.scheduler(), failures);
            Executor real = delegate.executor();
            this.executor = task -> real.execute(failures.guard(task));
        }

        @Override
        public Executor executor() {
            return executor;
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }

        @Override
        public void observe(Observation observation) {
            report("observe", () -> {
                if (observation == null) {
                    failures.violation("P4: observe(null); report the whole picture, even when empty");
                    return;
                }
                checkPicture(observation);
                delegate.observe(observation);
            });
        }

        @Override
        public void signal(Signal signal) {
            report("signal " + (signal == null ? null : signal.getClass().getSimpleName()), () -> {
                if (signal == null) {
                    failures.violation("P6: signal(null)");
                    return;
                }
                delegate.signal(signal);
            });
        }

        private void report(String what, Runnable body) {
            if (closed) {
                failures.violation("P11: the driver called " + what + " after close() returned");
            }
            if (reporting.incrementAndGet() > 1) {
                failures.violation("P6: the driver called " + what + " while another thread was still reporting; "
                        + "report from one thread at a time (or under one lock) so pictures keep their order");
            }
            try {
                body.run();
            } finally {
                reporting.decrementAndGet();
            }
        }

        private void checkPicture(Observation observation) {
            Set<String> callIds = new HashSet<>();
            for (ObservedCall call : observation.calls()) {
                if (!callIds.add(call.callId())) {
                    failures.violation("P4: call " + call.callId() + " appears twice in one observation");
                }
                Set<String> legIds = new HashSet<>();
                for (Leg leg : call.legs()) {
                    if (!legIds.add(leg.legId())) {
                        failures.violation("P4: leg " + leg.legId() + " appears twice in call " + call.callId());
                    }
                }
            }
        }
    }
}
