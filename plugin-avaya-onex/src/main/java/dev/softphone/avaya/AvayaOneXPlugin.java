package dev.softphone.avaya;

import dev.softphone.avaya.internal.OneXDriver;
import dev.softphone.avaya.internal.OneXSettings;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.ArrayList;
import java.util.List;

/**
 * The Avaya one-X Agent plugin (id {@code avaya-onex}): drives one-X Agent through the one-X Agent API that one-X
 * Agent serves on the agent's PC ({@code <base-url>/onexagent/api/...}).
 *
 * <p>From code it can dial, answer, hang up, hold and resume, mute and unmute. Everything else (transfers, conference,
 * DTMF, agent states with aux reason codes, login and logout) the API cannot do: the phone answers those verbs with a
 * manual instruction for the agent, and the application confirms the step with
 * {@link dev.softphone.Phone#confirmManualStep(String)} so the state and the activity record stay complete.
 * Configuration keys, the capability table and what cannot be observed are in {@code docs/avaya-onex.md}.
 *
 * <p>Found through {@link java.util.ServiceLoader}; stateless, one driver per phone.
 */
public final class AvayaOneXPlugin implements SoftphonePlugin {
    /** The plugin id and configuration namespace. */
    public static final String ID = "avaya-onex";

    /** Creates the plugin (ServiceLoader needs a public no-argument constructor). */
    public AvayaOneXPlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        String v = AvayaOneXPlugin.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public List<String> validate(PluginConfig config) {
        List<String> problems = new ArrayList<>();
        OneXSettings.read(config, problems);
        return problems;
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        return new OneXDriver(context, OneXSettings.read(context.config()));
    }
}
