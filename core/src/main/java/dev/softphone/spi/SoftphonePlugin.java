package dev.softphone.spi;

import java.util.List;

/**
 * A softphone integration, found through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.softphone.spi.SoftphonePlugin}) or supplied through a {@link PluginLoader}.
 *
 * <p>A plugin is stateless and shared: {@link #create(PluginContext)} makes one {@link SoftphoneDriver} per phone.
 * Implementations need a public no-argument constructor for ServiceLoader. The rules every plugin must keep are in
 * {@code docs/plugin-contract.md}, checked by the testkit's compatibility kit.
 */
public interface SoftphonePlugin {

    /** @return a stable id, lower-case with dashes (for example {@code amazon-connect}); also the config namespace */
    String id();

    /** @return the plugin's version, for logs and support */
    String version();

    /**
     * Checks this plugin's configuration before any phone is built. The default accepts anything.
     *
     * @param config the plugin's namespace of the phone's configuration
     * @return every problem found, in words that say how to fix it; empty when the configuration is usable
     */
    default List<String> validate(PluginConfig config) {
        return List.of();
    }

    /**
     * Creates the driver of one phone. Must not block or connect yet: {@link SoftphoneDriver#start()} does.
     *
     * @param context what the driver may use and where it reports
     * @return a new driver
     */
    SoftphoneDriver create(PluginContext context);
}
