package dev.softphone.spi;

import java.util.List;
import java.util.Objects;

/**
 * The whole current picture a driver reports after every change it sees: the agent's presence and every call.
 * Core compares consecutive observations; an observation equal to the previous one produces no event.
 *
 * @param agent the agent's presence
 * @param calls every call the softphone shows, in a stable order (oldest first)
 */
public record Observation(ObservedAgent agent, List<ObservedCall> calls) {

    /** Validates and copies the components. */
    public Observation {
        Objects.requireNonNull(agent, "agent");
        calls = List.copyOf(calls);
    }
}
