package dev.softphone.internal;

import dev.softphone.PhoneListener;
import dev.softphone.internal.agent.AgentStateOptions;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.SoftphonePlugin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a phone is built from, validated by the builder.
 *
 * @param id             the phone's id
 * @param plugin         the chosen plugin
 * @param pluginConfig   the plugin's namespace of the configuration
 * @param clock          the clock
 * @param executor       the shared executor for lanes
 * @param scheduler      the scheduler for timeouts
 * @param commandTimeout how long a command may wait for the softphone
 * @param matchingWindow how long after a command its echo counts as the application's
 * @param listeners      listeners registered before the first event
 * @param agentOptions   how the agent state is treated (offline, desired-state policy)
 * @param contexts       the call context store and its timeout
 */
public record PhoneSettings(String id, SoftphonePlugin plugin, PluginConfig pluginConfig, Clock clock,
                            Executor executor, ScheduledExecutorService scheduler, Duration commandTimeout,
                            Duration matchingWindow, List<PhoneListener> listeners,
                            AgentStateOptions agentOptions, dev.softphone.internal.context.ContextSettings contexts) {
}
