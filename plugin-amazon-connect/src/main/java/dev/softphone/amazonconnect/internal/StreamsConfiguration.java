package dev.softphone.amazonconnect.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a Streams {@code configuration} the plugin uses.
 *
 * @param agentStates             the states the agent may select ({@code agentStates})
 * @param queueArns               the routing profile's queues
 * @param defaultOutboundQueueArn the routing profile's default outbound queue, or null
 */
public record StreamsConfiguration(List<AgentStateRef> agentStates, List<String> queueArns,
                                   String defaultOutboundQueueArn) {

    /** An empty configuration, used until the page sends one. */
    public static final StreamsConfiguration EMPTY = new StreamsConfiguration(List.of(), List.of(), null);

    /** Copies the lists. */
    public StreamsConfiguration {
        agentStates = List.copyOf(agentStates);
        queueArns = List.copyOf(queueArns);
    }

    /**
     * @param name a state name
     * @return the selectable state with that name (exact match first, then ignoring case), or null
     */
    public AgentStateRef stateNamed(String name) {
        if (name == null) {
            return null;
        }
        for (AgentStateRef s : agentStates) {
            if (name.equals(s.name())) {
                return s;
            }
        }
        for (AgentStateRef s : agentStates) {
            if (name.equalsIgnoreCase(s.name())) {
                return s;
            }
        }
        return null;
    }

    /**
     * @param type a state type
     * @return the first selectable state of that type, or null
     */
    public AgentStateRef firstOfType(String type) {
        for (AgentStateRef s : agentStates) {
            if (type.equals(s.type())) {
                return s;
            }
        }
        return null;
    }

    /** @return the queues to ask {@code getEndpoints} for: the routing profile's and the default outbound queue */
    public List<String> endpointQueueArns() {
        List<String> arns = new ArrayList<>(queueArns);
        if (defaultOutboundQueueArn != null && !arns.contains(defaultOutboundQueueArn)) {
            arns.add(defaultOutboundQueueArn);
        }
        return arns;
    }

    /** @return the state names, for messages */
    public String describeStates() {
        if (agentStates.isEmpty()) {
            return "none known yet";
        }
        StringBuilder sb = new StringBuilder();
        for (AgentStateRef s : agentStates) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(s.name()).append(" (").append(s.type().toLowerCase(Locale.ROOT)).append(')');
        }
        return sb.toString();
    }
}
