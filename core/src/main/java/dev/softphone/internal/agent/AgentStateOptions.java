package dev.softphone.internal.agent;

import dev.softphone.DesiredStatePolicy;

import java.util.Objects;

/**
 * How a phone treats the agent state, as set on the builder.
 *
 * @param offlineMeansLogout      true (default): an offline vendor state ends the session
 *                                ({@code AgentLoggedOut(OFFLINE_STATE)}); false: it is {@code NOT_READY} with the
 *                                vendor's name as a custom reason
 * @param policy                  the desired-state policy
 * @param maxReappliesPerMinute   under {@link DesiredStatePolicy#ENFORCE_APPLICATION}, how many times the SDK
 *                                re-applies the application's state within any minute before it gives up
 */
public record AgentStateOptions(boolean offlineMeansLogout, DesiredStatePolicy policy, int maxReappliesPerMinute) {
    /** Default for {@link #maxReappliesPerMinute()}. */
    public static final int DEFAULT_MAX_REAPPLIES_PER_MINUTE = 3;

    /** Validates the components. */
    public AgentStateOptions {
        Objects.requireNonNull(policy, "policy");
        if (maxReappliesPerMinute < 1) {
            throw new IllegalArgumentException("maxReappliesPerMinute must be at least 1, got "
                    + maxReappliesPerMinute);
        }
    }

    /** @return offline means logout, follow the softphone, 3 re-applies per minute */
    public static AgentStateOptions defaults() {
        return new AgentStateOptions(true, DesiredStatePolicy.FOLLOW_SOFTPHONE, DEFAULT_MAX_REAPPLIES_PER_MINUTE);
    }
}
