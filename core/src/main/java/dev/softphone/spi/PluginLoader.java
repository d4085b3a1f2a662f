package dev.softphone.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Where a {@link dev.softphone.PhoneBuilder} looks for plugins. The default reads {@link ServiceLoader}; tests and
 * frameworks (Spring, CDI) supply plugins directly with {@link #of(SoftphonePlugin...)}.
 */
@FunctionalInterface
public interface PluginLoader {

    /**
     * What a loader found.
     *
     * @param plugins the plugins that loaded
     * @param broken  one line per provider that could not be loaded (class missing, constructor threw), so the
     *                others still load
     * @param searched what was searched, for error messages
     */
    record Result(List<SoftphonePlugin> plugins, List<String> broken, String searched) {
        /** Copies the components. */
        public Result {
            plugins = List.copyOf(plugins);
            broken = List.copyOf(broken);
        }
    }

    /** @return the plugins found */
    Result load();

    /**
     * A loader over {@link ServiceLoader} in the given class loader. A provider that fails to load is reported in
     * {@link Result#broken()} and the others still load.
     *
     * @param classLoader where to look
     * @return the loader
     */
    static PluginLoader serviceLoader(ClassLoader classLoader) {
        return () -> {
            List<SoftphonePlugin> found = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            var iterator = ServiceLoader.load(SoftphonePlugin.class, classLoader).iterator();
            while (true) {
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    found.add(iterator.next());
                } catch (ServiceConfigurationError | LinkageError e) {
                    broken.add(e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
                }
            }
            return new Result(found, broken,
                    "META-INF/services/" + SoftphonePlugin.class.getName() + " on the class path");
        };
    }

    /**
     * A loader that returns exactly these plugins.
     *
     * @param plugins the plugins
     * @return the loader
     */
    static PluginLoader of(SoftphonePlugin... plugins) {
        List<SoftphonePlugin> list = List.of(plugins);
        return () -> new Result(list, List.of(), "the plugins given to PluginLoader.of");
    }
}
