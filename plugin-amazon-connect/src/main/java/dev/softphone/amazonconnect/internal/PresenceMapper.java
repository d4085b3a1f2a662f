package dev.softphone.amazonconnect.internal;

import dev.softphone.AgentState;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ReasonTable;

import java.util.Set;

/**
 * Maps the agent part of a Streams snapshot to an {@link ObservedAgent}. Routing keys on the state TYPE, names go
 * through the reason table; system states (on a call) are resolved through the agent-selected status
 * ({@code agentAvailabilityState}); {@code AfterCallWork} and error states are recognized by NAME, as Streams
 * itself does. Used by one phone, on the driver's lock.
 */
public final class PresenceMapper {

    /** {@code connect.AgentErrorStates}: any of these names is an error state, whatever its type says. */
    static final Set<String> ERROR_STATE_NAMES = Set.of("Error", "AgentHungUp", "BadAddressAgent",
            "BadAddressCustomer", "Default", "FailedConnectAgent", "FailedConnectCustomer", "InvalidLocale",
            "LineEngagedAgent", "LineEngagedCustomer", "MissedCallAgent", "MissedCallCustomer", "MultipleCcpWindows",
            "RealtimeCommunicationError");

    /** The system state name of after-call work. */
    static final String AFTER_CALL_WORK = "AfterCallWork";

    private final ReasonTable reasons;
    private final UnknownValues unknown;
    /** The last agent-selected state, for system states that arrive without an availability state. */
    private AgentState lastSelected;

    /**
     * @param reasons Amazon state names to pause reasons
     * @param unknown where unknown values are reported
     */
    public PresenceMapper(ReasonTable reasons, UnknownValues unknown) {
        this.reasons = reasons;
        this.unknown = unknown;
    }

    /**
     * @param snapshot      the snapshot
     * @param configuration the agent's configuration (for the types of selectable states)
     * @return the presence
     */
    public ObservedAgent map(StreamsSnapshot snapshot, StreamsConfiguration configuration) {
        AgentStateRef s = snapshot.state();
        AgentState pending = pending(snapshot.nextState());
        String type = s.type();
        String name = s.name();
        if ("error".equals(type) || ERROR_STATE_NAMES.contains(name)) {
            // Not routable until the agent picks a state; the name says what went wrong.
            return new ObservedAgent(AgentState.notReady(reasons.toReason(name)), pending, name, name, false);
        }
        if (AFTER_CALL_WORK.equals(name)) {
            return new ObservedAgent(AgentState.notReady(reasons.toReason(name)), pending, name, null, false);
        }
        switch (type) {
            case "routable":
                lastSelected = AgentState.READY;
                return new ObservedAgent(AgentState.READY, pending, name, null, false);
            case "not_routable":
                lastSelected = AgentState.notReady(reasons.toReason(name));
                return new ObservedAgent(lastSelected, pending, name, null, false);
            case "offline":
                lastSelected = null;
                return new ObservedAgent(AgentState.notReady(reasons.toReason(name)), pending, name, null, true);
            case "system":
            case "init":
                return new ObservedAgent(selected(snapshot.availabilityName(), configuration), pending, name, null,
                        false);
            default:
                unknown.report("agent state type", type, "a system state (the agent-selected status applies)");
                return new ObservedAgent(selected(snapshot.availabilityName(), configuration), pending, name, null,
                        false);
        }
    }

    /** The agent-selected status behind a system state such as {@code Busy} or {@code PendingBusy}. */
    private AgentState selected(String availabilityName, StreamsConfiguration configuration) {
        if (availabilityName == null || availabilityName.isBlank()) {
            // Inbound calls reach only routable agents, so READY is the safest guess before anything is known.
            return lastSelected != null ? lastSelected : AgentState.READY;
        }
        AgentStateRef ref = configuration.stateNamed(availabilityName);
        String type = ref != null ? ref.type() : ("Available".equalsIgnoreCase(availabilityName) ? "routable"
                : "not_routable");
        AgentState state = "routable".equals(type) ? AgentState.READY
                : AgentState.notReady(reasons.toReason(ref != null ? ref.name() : availabilityName));
        lastSelected = state;
        return state;
    }

    private AgentState pending(AgentStateRef next) {
        if (next == null || next.name() == null) {
            return null;
        }
        if ("offline".equals(next.type())) {
            return AgentState.LOGGED_OUT; // a queued offline state is a queued logout
        }
        return "routable".equals(next.type()) ? AgentState.READY : AgentState.notReady(reasons.toReason(next.name()));
    }
}
