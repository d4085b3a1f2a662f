package dev.softphone.testkit;

import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.ManualInstruction;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The fake softphone as a softphone that gives no correlation id for its calls, like Avaya one-X when a notification
 * carries no UCID.
 */
final class NoCorrelationIdPlugin implements SoftphonePlugin {
    private final FakeSoftphonePlugin fake = new FakeSoftphonePlugin();

    @Override
    public String id() {
        return "fake-without-ucid";
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        SoftphoneDriver inner = fake.create(context);
        return new SoftphoneDriver() {
            @Override
            public void start() {
                inner.start();
            }

            @Override
            public Set<Capability> capabilities() {
                return inner.capabilities();
            }

            @Override
            public CompletionStage<Void> execute(DriverCommand command) {
                return inner.execute(command);
            }

            @Override
            public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
                return inner.manualInstruction(capability, command);
            }

            @Override
            public CompletionStage<List<Destination>> transferDestinations() {
                return inner.transferDestinations();
            }

            @Override
            public Optional<String> correlationId(ObservedCall call) {
                return Optional.empty();
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    /** @return the vendor side of the last phone built */
    FakeSoftphone softphone() {
        return fake.softphone();
    }
}
