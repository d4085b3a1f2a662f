package dev.softphone.spi;

import dev.softphone.AgentState;

import java.util.Objects;

/**
 * The agent's presence as the softphone shows it, already mapped through the plugin's reason table.
 *
 * @param state       the agent's state ({@code LOGGED_OUT} for an offline vendor state when offline means logout)
 * @param pending     the state queued to apply when the calls end, or null
 * @param vendorState the vendor's own name of the state, for logs and custom reasons (may be null)
 * @param errorName   the vendor's error state name while the agent is in one (Amazon {@code MissedCallAgent}),
 *                    else null
 * @param offline     true when the vendor state is an offline state (Amazon type {@code offline}); core turns it into
 *                    a logout unless the phone is configured otherwise, and otherwise uses {@code state}
 */
public record ObservedAgent(AgentState state, AgentState pending, String vendorState, String errorName,
                            boolean offline) {

    /** Validates the components. */
    public ObservedAgent {
        Objects.requireNonNull(state, "state");
    }

    /**
     * @param state the state
     * @return presence with nothing pending and no vendor details
     */
    public static ObservedAgent of(AgentState state) {
        return new ObservedAgent(state, null, null, null, false);
    }
}
