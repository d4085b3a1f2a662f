package dev.softphone.amazonconnect.internal;

import java.util.List;

/**
 * The parts of a Streams {@code snapshot} the plugin uses.
 *
 * @param state            the agent's current state
 * @param nextState        the enqueued next state, or null
 * @param availabilityName the agent-selected status name ({@code agentAvailabilityState.state}), or null
 * @param contacts         every contact, in snapshot order
 */
public record StreamsSnapshot(AgentStateRef state, AgentStateRef nextState, String availabilityName,
                              List<StreamsContact> contacts) {

    /** Copies the contacts. */
    public StreamsSnapshot {
        contacts = List.copyOf(contacts);
    }

    /**
     * @param contactId a contact id
     * @return that contact, or null
     */
    public StreamsContact contact(String contactId) {
        for (StreamsContact c : contacts) {
            if (c.contactId().equals(contactId)) {
                return c;
            }
        }
        return null;
    }
}
