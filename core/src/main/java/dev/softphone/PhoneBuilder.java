package dev.softphone;

import dev.softphone.activity.ActivityReporting;
import dev.softphone.internal.DefaultPhone;
import dev.softphone.internal.PhoneSettings;
import dev.softphone.internal.PluginSelector;
import dev.softphone.internal.SharedExecutors;
import dev.softphone.internal.agent.AgentStateOptions;
import dev.softphone.internal.context.ContextExecutor;
import dev.softphone.internal.context.ContextSettings;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginLoader;
import dev.softphone.spi.SoftphonePlugin;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds a {@link Phone}. Every setting has a default; {@link #build()} checks everything and reports all problems
 * at once in a {@link PhoneConfigurationException}.
 *
 * <pre>{@code
 * Phone phone = Phone.builder()
 *         .plugin("avaya-onex")
 *         .config("avaya-onex.base-url", "http://127.0.0.1:60000")
 *         .listener(myListener)
 *         .build();
 * }</pre>
 *
 * <p>Configuration keys are namespaced by plugin id ({@code <plugin-id>.<key>}); each plugin documents its keys. A
 * builder is not thread-safe; the phone it builds is.
 */
public final class PhoneBuilder {
    /** Default for {@link #commandTimeout(Duration)}. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Default for {@link #matchingWindow(Duration)}. */
    public static final Duration DEFAULT_MATCHING_WINDOW = Duration.ofSeconds(10);
    /** Default for {@link #contextTimeout(Duration)}. */
    public static final Duration DEFAULT_CONTEXT_TIMEOUT = Duration.ofSeconds(2);

    private String id;
    private String pluginId;
    private SoftphonePlugin plugin;
    private PluginLoader loader;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Executor executor;
    private ScheduledExecutorService scheduler;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
    private Duration matchingWindow = DEFAULT_MATCHING_WINDOW;
    private final List<PhoneListener> listeners = new ArrayList<>();
    private boolean offlineMeansLogout = true;
    private DesiredStatePolicy desiredStatePolicy = DesiredStatePolicy.FOLLOW_SOFTPHONE;
    private int maxStateReappliesPerMinute = AgentStateOptions.DEFAULT_MAX_REAPPLIES_PER_MINUTE;
    private ActivityReporting activity;
    private CallContextStore contextStore;
    private Executor contextExecutor;
    private Duration contextTimeout = DEFAULT_CONTEXT_TIMEOUT;

    PhoneBuilder() {
    }

    /**
     * @param id the phone's id, for logs and reports (for example the agent's login); default: a random id
     * @return this builder
     */
    public PhoneBuilder id(String id) {
        this.id = id;
        return this;
    }

    /**
     * Chooses the plugin by id among those discovered. Without it, the only plugin found is used.
     *
     * @param pluginId for example {@code amazon-connect}
     * @return this builder
     */
    public PhoneBuilder plugin(String pluginId) {
        this.pluginId = pluginId;
        return this;
    }

    /**
     * Uses this plugin instance, bypassing discovery (tests, dependency-injection frameworks).
     *
     * @param plugin the plugin
     * @return this builder
     */
    public PhoneBuilder plugin(SoftphonePlugin plugin) {
        this.plugin = plugin;
        return this;
    }

    /**
     * Where to discover plugins; default: {@link java.util.ServiceLoader} in the thread's context class loader.
     *
     * @param loader the loader
     * @return this builder
     */
    public PhoneBuilder pluginLoader(PluginLoader loader) {
        this.loader = loader;
        return this;
    }

    /**
     * Sets one configuration value.
     *
     * @param key   {@code <plugin-id>.<key>}
     * @param value the value
     * @return this builder
     */
    public PhoneBuilder config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /**
     * Sets several configuration values.
     *
     * @param values keys {@code <plugin-id>.<key>} to values
     * @return this builder
     */
    public PhoneBuilder config(Map<String, String> values) {
        config.putAll(values);
        return this;
    }

    /**
     * @param clock the clock for event times and timers; default UTC system clock
     * @return this builder
     */
    public PhoneBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Where the phone's work runs. By default the phone's serial lane borrows threads from the SDK's own pool of
     * daemon {@code softphone-worker-*} threads (as many as cores, at least two), and an idle phone also runs a plain
     * command's planning on the thread that calls the verb and completes its stage on the thread the softphone's
     * answer arrived on (no thread hand-off; listeners still run on the pool, state changes stay on it). With an
     * executor given here, all of the phone's work runs on it: pass your event loop to keep phone work there, or
     * {@code Runnable::run} in tests to process everything on the calling thread.
     *
     * @param executor the shared executor the phone's serial lane borrows threads from
     * @return this builder
     */
    public PhoneBuilder executor(Executor executor) {
        this.executor = executor;
        return this;
    }

    /**
     * @param scheduler the scheduler for timeouts and plugin timers; default: one shared daemon thread
     * @return this builder
     */
    public PhoneBuilder scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * @param timeout how long a command waits for the softphone before failing with
     *                {@link CommandTimeoutException}; default 10 s
     * @return this builder
     */
    public PhoneBuilder commandTimeout(Duration timeout) {
        this.commandTimeout = timeout;
        return this;
    }

    /**
     * @param window how long after a command a matching change counts as the application's
     *               ({@link Origin#APPLICATION}); default 10 s
     * @return this builder
     */
    public PhoneBuilder matchingWindow(Duration window) {
        this.matchingWindow = window;
        return this;
    }

    /**
     * @param offlineMeansLogout true (default): an offline vendor state (Amazon state type {@code offline}) ends the
     *                           session, reported as {@code AgentLoggedOut} with cause {@code OFFLINE_STATE}; false:
     *                           the agent stays logged in as {@code NOT_READY} with the vendor state's name as a custom
     *                           pause reason
     * @return this builder
     */
    public PhoneBuilder offlineMeansLogout(boolean offlineMeansLogout) {
        this.offlineMeansLogout = offlineMeansLogout;
        return this;
    }

    /**
     * @param policy what happens when the softphone's agent state drifts from the state the application asked for;
     *               default {@link DesiredStatePolicy#FOLLOW_SOFTPHONE}
     * @return this builder
     */
    public PhoneBuilder desiredStatePolicy(DesiredStatePolicy policy) {
        this.desiredStatePolicy = policy;
        return this;
    }

    /**
     * @param max under {@link DesiredStatePolicy#ENFORCE_APPLICATION}, how many times within any minute (of the
     *            phone's clock) the SDK re-applies the application's state before it gives up with
     *            {@link PhoneEvent.AgentStateEnforcementStopped}; at least 1, default 3
     * @return this builder
     */
    public PhoneBuilder maxStateReappliesPerMinute(int max) {
        this.maxStateReappliesPerMinute = max;
        return this;
    }

    /**
     * Where call contexts wait for the agent who receives a transferred call (see {@code docs/call-context.md}). Every
     * phone that should hand contexts to the others must use the same store. The phone never closes it.
     *
     * @param store the store; default: {@link CallContextStores#sharedInMemory()} (phones of this JVM only)
     * @return this builder
     */
    public PhoneBuilder contextStore(CallContextStore store) {
        this.contextStore = store;
        return this;
    }

    /**
     * @param executor where the phone runs call context store calls, which may block; default: a few shared daemon
     *                 threads, or the phone's lane itself for a store that never blocks (in memory)
     * @return this builder
     */
    public PhoneBuilder contextExecutor(Executor executor) {
        this.contextExecutor = executor;
        return this;
    }

    /**
     * @param timeout how long the phone waits for the context store: a {@link PhoneEvent.TransferReceived} is
     *                delivered with an unavailable context after it, and a transfer with a context starts after it
     *                even when the save has not finished; default 2 s
     * @return this builder
     */
    public PhoneBuilder contextTimeout(Duration timeout) {
        this.contextTimeout = timeout;
        return this;
    }

    /**
     * Adds a listener that receives every event from the first one on.
     *
     * @param listener the listener
     * @return this builder
     */
    public PhoneBuilder listener(PhoneListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Records this phone's activity (login, pauses, calls, holds, transfers) into the given reporting, which spools it
     * durably and delivers it to its sinks. One reporting can serve many phones; the phone's {@link #id(String)}
     * names the agent in the records.
     *
     * @param reporting the activity reporting, or null for none
     * @return this builder
     */
    public PhoneBuilder activity(ActivityReporting reporting) {
        this.activity = reporting;
        return this;
    }

    /**
     * Checks the settings, chooses the plugin, creates the phone and starts its driver.
     *
     * @return the phone
     * @throws PluginDiscoveryException     when no plugin could be chosen (with every other problem found)
     * @throws PhoneConfigurationException when any other setting is wrong
     */
    public Phone build() {
        List<String> problems = new ArrayList<>();
        requirePositive("commandTimeout", commandTimeout, problems);
        requirePositive("matchingWindow", matchingWindow, problems);
        if (clock == null) {
            problems.add("clock must not be null");
        }
        if (id != null && id.isBlank()) {
            problems.add("id must not be blank (leave it unset for a generated id)");
        }
        if (desiredStatePolicy == null) {
            problems.add("desiredStatePolicy must not be null");
        }
        if (maxStateReappliesPerMinute < 1) {
            problems.add("maxStateReappliesPerMinute must be at least 1, got " + maxStateReappliesPerMinute);
        }
        requirePositive("contextTimeout", contextTimeout, problems);
        if (listeners.contains(null)) {
            problems.add("listeners must not be null");
        }
        SoftphonePlugin chosen = plugin;
        boolean discoveryFailed = false;
        if (chosen == null) {
            int before = problems.size();
            PluginLoader l = loader != null ? loader
                    : PluginLoader.serviceLoader(Thread.currentThread().getContextClassLoader());
            chosen = PluginSelector.select(l, pluginId, problems);
            discoveryFailed = problems.size() > before;
        } else if (PluginSelector.checkId(chosen) != null) {
            problems.add(PluginSelector.checkId(chosen));
            chosen = null;
        } else if (pluginId != null && !pluginId.equals(chosen.id())) {
            problems.add("plugin(\"" + pluginId + "\") names another plugin than the instance given ("
                    + chosen.id() + ")");
        }
        PluginConfig pluginConfig = null;
        if (chosen != null) {
            pluginConfig = namespace(chosen.id(), problems);
            try {
                problems.addAll(chosen.validate(pluginConfig));
            } catch (RuntimeException e) {
                problems.add("plugin " + chosen.id() + " failed to validate its configuration: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw discoveryFailed ? new PluginDiscoveryException(problems) : new PhoneConfigurationException(problems);
        }
        String phoneId = id != null ? id : "phone-" + UUID.randomUUID();
        List<PhoneListener> all = new ArrayList<>();
        if (activity != null) {
            all.add(activity.recorder(phoneId)); // first, so it sees each event before application code runs
        }
        all.addAll(listeners);
        PhoneSettings settings = new PhoneSettings(phoneId, chosen, pluginConfig, clock,
                executor != null ? executor : SharedExecutors.executor(),
                scheduler != null ? scheduler : SharedExecutors.scheduler(),
                commandTimeout, matchingWindow, List.copyOf(all),
                new AgentStateOptions(offlineMeansLogout, desiredStatePolicy, maxStateReappliesPerMinute),
                contextSettings());
        DefaultPhone phone = new DefaultPhone(settings);
        phone.start();
        return phone;
    }

    private ContextSettings contextSettings() {
        CallContextStore store = contextStore != null ? contextStore : CallContextStores.sharedInMemory();
        Executor io = contextExecutor != null ? contextExecutor
                : store.mayBlock() ? ContextExecutor.shared() : Runnable::run;
        return new ContextSettings(store, io, contextTimeout);
    }

    private PluginConfig namespace(String namespace, List<String> problems) {
        Map<String, String> own = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            int dot = key == null ? -1 : key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                problems.add("configuration key '" + key + "' must look like <plugin-id>.<key>, for example "
                        + namespace + ".base-url");
            } else if (!key.substring(0, dot).equals(namespace)) {
                problems.add("configuration key '" + key + "' belongs to '" + key.substring(0, dot)
                        + "', but this phone uses the plugin '" + namespace + "'");
            } else if (value == null) {
                problems.add("configuration key '" + key + "' has no value");
            } else {
                own.put(key.substring(dot + 1), value);
            }
        });
        return new PluginConfig(namespace, own);
    }

    private static void requirePositive(String name, Duration d, List<String> problems) {
        if (d == null || d.isNegative() || d.isZero()) {
            problems.add(name + " must be a positive duration, got " + d);
        }
    }

    @Override
    public String toString() {
        return "PhoneBuilder[plugin=" + (plugin != null ? plugin.id() : pluginId) + ", config=" + config.keySet()
                + "]";
    }

}
