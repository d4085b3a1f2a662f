package dev.softphone;

/** The state of one leg. */
public enum LegState {
    /** Ringing or dialing. */
    CONNECTING,
    /** Talking (for Amazon queue and agent legs: reached the transfer flow, not necessarily answered). */
    CONNECTED,
    /** On hold. */
    HELD,
    /** Gone. */
    DISCONNECTED,
    /**
     * The vendor reported a state the plugin cannot map. Core treats such a leg as still present but draws no
     * conclusion from it (no hold, resume, connect or transfer is inferred from an unknown state).
     */
    UNKNOWN
}
