package dev.softphone.amazonconnect.internal;

/**
 * One connection (leg) of a Streams contact.
 *
 * @param connectionId     the connection id
 * @param type             {@code agent}, {@code inbound}, {@code outbound}, {@code monitoring} (or a newer value)
 * @param initial          true for the customer's (initial) connection
 * @param state            {@code connecting}, {@code connected}, {@code hold}, {@code disconnected},
 *                         {@code silent_monitor}, {@code barge}, {@code init}
 * @param endpoint         the party, or null
 * @param quickConnectName the quick connect this agent used to add the leg, or null
 * @param mute             the server-side mute flag
 * @param monitorStatus    the {@code monitorStatus} ({@code SILENT_MONITOR}, {@code BARGE}), or null
 */
public record StreamsConnection(String connectionId, String type, boolean initial, String state,
                                StreamsEndpoint endpoint, String quickConnectName, boolean mute,
                                String monitorStatus) {

    /** @return true for the agent's own connection */
    public boolean isAgent() {
        return "agent".equals(type);
    }

    /** @return true for a supervisor's monitoring connection */
    public boolean isMonitoring() {
        return "monitoring".equals(type) || (monitorStatus != null && !monitorStatus.isBlank())
                || "silent_monitor".equals(state) || "barge".equals(state);
    }

    /** @return true while the connection takes part (Streams {@code CONNECTION_ACTIVE_STATES}) */
    public boolean isActive() {
        return !"disconnected".equals(state);
    }
}
