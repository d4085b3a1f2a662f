package dev.softphone.testkit;

import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The in-memory softphone plugin, id {@code fake}: no vendor, no network. Each phone built with it gets a
 * {@link FakeSoftphone} that tests drive as the vendor side (a call arrives, the far end hangs up, the agent clicks
 * in the vendor window) and whose capabilities they can remove one by one.
 *
 * <pre>{@code
 * FakeSoftphonePlugin fake = new FakeSoftphonePlugin();
 * Phone phone = Phone.builder().plugin(fake).executor(Runnable::run).build();
 * FakeSoftphone softphone = fake.softphone();
 * softphone.agentLogsIn(AgentState.READY);
 * String call = softphone.incomingCall("+441234", "Support");
 * }</pre>
 */
public final class FakeSoftphonePlugin implements SoftphonePlugin {
    /** The plugin id. */
    public static final String ID = "fake";

    private final List<FakeSoftphone> created = new CopyOnWriteArrayList<>();

    /** Creates the plugin (public for ServiceLoader). */
    public FakeSoftphonePlugin() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        FakeSoftphone softphone = new FakeSoftphone(context);
        created.add(softphone);
        return softphone;
    }

    /**
     * @return the softphone of the last phone built with this plugin
     * @throws IllegalStateException when no phone was built yet
     */
    public FakeSoftphone softphone() {
        if (created.isEmpty()) {
            throw new IllegalStateException("no phone was built with this plugin yet");
        }
        return created.get(created.size() - 1);
    }

    /** @return the softphones of every phone built with this plugin, in build order */
    public List<FakeSoftphone> softphones() {
        return List.copyOf(created);
    }
}
