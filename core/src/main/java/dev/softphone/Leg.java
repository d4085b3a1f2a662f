package dev.softphone;

import java.util.Objects;

/**
 * One party's leg of a call.
 *
 * @param legId    the vendor's id of this leg (connection id), stable while the leg exists
 * @param role     the leg's role
 * @param state    the leg's state
 * @param endpoint who is on it; null when the vendor tells nothing (for example the agent's own leg)
 * @param muted    true when this leg is muted on the server side
 */
public record Leg(String legId, LegRole role, LegState state, Target endpoint, boolean muted) {

    /** Validates the components. */
    public Leg {
        Objects.requireNonNull(legId, "legId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
    }

    /** @return true unless disconnected */
    public boolean isActive() {
        return state != LegState.DISCONNECTED;
    }

    /**
     * @param newState the state to take
     * @return a copy in that state
     */
    public Leg withState(LegState newState) {
        return new Leg(legId, role, newState, endpoint, muted);
    }
}
