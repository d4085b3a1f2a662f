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
    DISCONNECTED
}
