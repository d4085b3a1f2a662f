package dev.softphone;

import java.util.List;

/**
 * No usable softphone plugin could be chosen: none found, several and none named, the named one missing, or two
 * plugins with the same id. The message says what was searched and how to fix it.
 */
public class PluginDiscoveryException extends PhoneConfigurationException {
    private static final long serialVersionUID = 1L;

    /**
     * @param problems each problem, in words that say how to fix it
     */
    public PluginDiscoveryException(List<String> problems) {
        super(problems);
    }
}
