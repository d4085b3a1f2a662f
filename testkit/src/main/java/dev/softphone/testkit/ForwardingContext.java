package dev.softphone.testkit;

import dev.softphone.spi.Observation;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/** A {@link PluginContext} that passes every call to another; wrappers override what they watch or change. */
class ForwardingContext implements PluginContext {
    /** The context calls go to. */
    protected final PluginContext delegate;

    ForwardingContext(PluginContext delegate) {
        this.delegate = delegate;
    }

    @Override
    public String phoneId() {
        return delegate.phoneId();
    }

    @Override
    public PluginConfig config() {
        return delegate.config();
    }

    @Override
    public Clock clock() {
        return delegate.clock();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return delegate.scheduler();
    }

    @Override
    public Executor executor() {
        return delegate.executor();
    }

    @Override
    public void observe(Observation observation) {
        delegate.observe(observation);
    }

    @Override
    public void signal(Signal signal) {
        delegate.signal(signal);
    }
}
