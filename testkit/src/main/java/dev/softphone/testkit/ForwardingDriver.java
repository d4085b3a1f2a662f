package dev.softphone.testkit;

import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.ManualInstruction;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.SoftphoneDriver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** A {@link SoftphoneDriver} that passes every call to another; wrappers override what they watch or change. */
class ForwardingDriver implements SoftphoneDriver {
    /** The driver calls go to. */
    protected final SoftphoneDriver delegate;

    ForwardingDriver(SoftphoneDriver delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start() {
        delegate.start();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public String whyNot(Capability capability) {
        return delegate.whyNot(capability);
    }

    @Override
    public CompletionStage<Void> execute(DriverCommand command) {
        return delegate.execute(command);
    }

    @Override
    public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
        return delegate.manualInstruction(capability, command);
    }

    @Override
    public CompletionStage<Void> confirmManual(DriverCommand command) {
        return delegate.confirmManual(command);
    }

    @Override
    public CompletionStage<List<Destination>> transferDestinations() {
        return delegate.transferDestinations();
    }

    @Override
    public java.util.Optional<String> correlationId(dev.softphone.spi.ObservedCall call) {
        return delegate.correlationId(call);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
