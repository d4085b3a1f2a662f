package dev.softphone.testkit.example;

import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The example plugin of {@code docs/writing-a-plugin.md}: it drives "LineDesk", a made-up softphone that speaks a
 * line-based protocol over TCP on the agent's machine. Stateless; each phone gets its own {@link LineDeskDriver}.
 *
 * <p>Configuration: {@code linedesk.port} (required), {@code linedesk.host} (default {@code 127.0.0.1}), and
 * {@code linedesk.reason.<LineDesk away name>=<reason code>} to map away states.
 */
public final class LineDeskPlugin implements SoftphonePlugin {
    /** The plugin id. */
    public static final String ID = "linedesk";

    /** Public and without arguments, for ServiceLoader. */
    public LineDeskPlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1.0";
    }

    @Override
    public List<String> validate(PluginConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.find("port").isEmpty()) {
            problems.add("set linedesk.port to the port LineDesk listens on (its Settings > Integration page)");
        } else {
            try {
                int port = config.getInt("port", 0);
                if (port < 1 || port > 65535) {
                    problems.add("linedesk.port must be between 1 and 65535, got " + port);
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        return new LineDeskDriver(context);
    }
}
