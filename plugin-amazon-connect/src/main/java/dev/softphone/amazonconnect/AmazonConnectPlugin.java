package dev.softphone.amazonconnect;

import dev.softphone.PauseReason;
import dev.softphone.amazonconnect.internal.StreamsDriver;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.ReasonTable;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Amazon Connect plugin, id {@code amazon-connect}: a browser page runs Amazon Connect Streams and
 * {@code streams-bridge.js}, which relays Streams' raw agent data to this plugin and runs the commands it sends
 * (DESIGN §6). Each phone's driver registers with a {@link StreamsBridgeHub} under the phone's id, where the bridge
 * transports find it.
 *
 * <p>Configuration keys (prefix {@code amazon-connect.}):
 * <ul>
 *   <li>{@code reason.<Amazon state name>=<reason code>} — map an Amazon agent state to a pause reason (for example
 *       {@code amazon-connect.reason.Lunch=MEAL}); unmapped names become custom reasons with the state's name.</li>
 *   <li>{@code close-login-popup} — {@code true} to close Streams' login popup when the first snapshot of a session
 *       arrives (default {@code false}; Streams' own {@code loginOptions.autoClose} does the same in the page).</li>
 *   <li>{@code command-expiry} — how long a command waits for the page's {@code result} before it is failed and
 *       forgotten (default {@code 60s}; the phone's own command timeout usually fires first).</li>
 * </ul>
 */
public final class AmazonConnectPlugin implements SoftphonePlugin {
    /** The plugin id and configuration namespace. */
    public static final String ID = "amazon-connect";

    private final StreamsBridgeHub hub;
    private final BadMessageListener badMessages;

    /** A plugin on the JVM-wide hub ({@link StreamsBridgeHub#shared()}); the ServiceLoader uses this. */
    public AmazonConnectPlugin() {
        this(StreamsBridgeHub.shared());
    }

    /**
     * @param hub where the phones' drivers register for their bridge pages
     */
    public AmazonConnectPlugin(StreamsBridgeHub hub) {
        this(hub, BadMessageListener.NONE);
    }

    /**
     * @param hub         where the phones' drivers register for their bridge pages
     * @param badMessages told about every message that could not be used (they are logged in any case)
     */
    public AmazonConnectPlugin(StreamsBridgeHub hub, BadMessageListener badMessages) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.badMessages = Objects.requireNonNull(badMessages, "badMessages");
    }

    /**
     * The built-in mapping of Amazon agent state names to pause reasons: {@code AfterCallWork} is
     * {@code AFTER_CALL_WORK}; names equal to a well-known code ({@code Break}, {@code Meal}, {@code Training},
     * {@code Meeting}, {@code Supervision}, any case) are that reason by themselves; every other name is a custom
     * reason with the state's name. Asking for a reason picks the agent state named by the table, else the state
     * whose name is the reason's code or label (ignoring case).
     *
     * @return the table
     */
    public static ReasonTable defaultReasons() {
        return ReasonTable.builder()
                .map("AfterCallWork", PauseReason.AFTER_CALL_WORK)
                .build();
    }

    /**
     * Closes the Amazon Connect login popup of a phone's bridge page (Streams' {@code connect.core.loginWindow}),
     * for example once your application knows the agent signed in. Set {@code amazon-connect.close-login-popup=true}
     * to have it done when the first snapshot of a session arrives.
     *
     * @param phoneId the phone
     * @return true when a popup was closed; fails with {@link dev.softphone.SoftphoneUnavailableException} when the
     *         phone has no page, or with {@link IllegalArgumentException} when no phone of this plugin has that id
     */
    public java.util.concurrent.CompletionStage<Boolean> closeLoginPopup(String phoneId) {
        return hub.find(phoneId).filter(StreamsDriver.class::isInstance).map(StreamsDriver.class::cast)
                .map(d -> (java.util.concurrent.CompletionStage<Boolean>) d.closeLoginPopup())
                .orElseGet(() -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalArgumentException(
                        "no Amazon Connect phone with id '" + phoneId + "' is registered with this plugin's hub")));
    }

    /** @return the hub the drivers register with */
    public StreamsBridgeHub hub() {
        return hub;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        String v = AmazonConnectPlugin.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }

    @Override
    public List<String> validate(PluginConfig config) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : config.asMap().entrySet()) {
            if (e.getKey().startsWith("reason.") && (e.getValue() == null || e.getValue().isBlank())) {
                problems.add(ID + "." + e.getKey() + " needs a reason code as its value, for example BREAK");
            }
        }
        try {
            config.getDuration("command-expiry", StreamsDriver.DEFAULT_COMMAND_EXPIRY);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        try {
            config.getBoolean("close-login-popup", false);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        return problems;
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        return new StreamsDriver(context, hub, defaultReasons().withOverrides(context.config()), badMessages);
    }
}
