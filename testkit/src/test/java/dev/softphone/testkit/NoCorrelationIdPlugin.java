package dev.softphone.testkit;

import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.Optional;

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
        return new ForwardingDriver(fake.create(context)) {
            @Override
            public Optional<String> correlationId(ObservedCall call) {
                return Optional.empty();
            }
        };
    }

    /** @return the vendor side of the last phone built */
    FakeSoftphone softphone() {
        return fake.softphone();
    }
}
