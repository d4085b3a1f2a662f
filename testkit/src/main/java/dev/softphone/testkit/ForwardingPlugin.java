package dev.softphone.testkit;

import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.SoftphonePlugin;

import java.util.List;

/**
 * A {@link SoftphonePlugin} that takes its identity and configuration checks from another; wrappers only say how
 * they create drivers (usually a {@link ForwardingDriver} around the wrapped plugin's).
 */
abstract class ForwardingPlugin implements SoftphonePlugin {
    /** The plugin wrapped. */
    protected final SoftphonePlugin delegate;

    ForwardingPlugin(SoftphonePlugin delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public List<String> validate(PluginConfig config) {
        return delegate.validate(config);
    }
}
