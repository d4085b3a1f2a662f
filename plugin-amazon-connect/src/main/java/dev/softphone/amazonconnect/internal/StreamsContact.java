package dev.softphone.amazonconnect.internal;

import java.time.Instant;
import java.util.List;

/**
 * One Streams contact with its connections.
 *
 * @param contactId        the contact id
 * @param initialContactId the first contact of its chain, or null
 * @param type             {@code voice}, {@code queue_callback}, {@code chat}, {@code task}, {@code email}
 * @param state            {@code init}, {@code incoming}, {@code pending}, {@code connecting}, {@code connected},
 *                         {@code missed}, {@code error}, {@code ended}, {@code rejected}, {@code paused}
 * @param stateTimestamp   when it entered that state, or null
 * @param queueName        the queue's name, or null
 * @param initiationMethod how it started ({@code inbound}, {@code outbound}, {@code transfer}…), or null
 * @param connections      its connections, in snapshot order
 */
public record StreamsContact(String contactId, String initialContactId, String type, String state,
                             Instant stateTimestamp, String queueName, String initiationMethod,
                             List<StreamsConnection> connections) {

    /** Copies the connections. */
    public StreamsContact {
        connections = List.copyOf(connections);
    }

    /** @return true for the contact types that are calls ({@code voice}, {@code queue_callback}) */
    public boolean isVoice() {
        return "voice".equals(type) || "queue_callback".equals(type);
    }

    /** @return the agent's own connection (type agent, else monitoring), or null */
    public StreamsConnection agentConnection() {
        for (StreamsConnection c : connections) {
            if (c.isAgent()) {
                return c;
            }
        }
        return null;
    }

    /** @return the initial (customer) connection, or null */
    public StreamsConnection initialConnection() {
        for (StreamsConnection c : connections) {
            if (c.initial() && !c.isAgent()) {
                return c;
            }
        }
        return null;
    }

    /** @return the active connections that are neither the agent's, the customer's nor a supervisor's */
    public List<StreamsConnection> activeThirdParties() {
        return connections.stream()
                .filter(c -> !c.initial() && !c.isAgent() && !c.isMonitoring() && c.isActive())
                .toList();
    }

    /**
     * @param connectionId a connection id
     * @return that connection, or null
     */
    public StreamsConnection connection(String connectionId) {
        for (StreamsConnection c : connections) {
            if (c.connectionId().equals(connectionId)) {
                return c;
            }
        }
        return null;
    }
}
