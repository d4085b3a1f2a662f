package dev.softphone;

/** The phase of a call as the plugin observes it. */
public enum CallStatus {
    /** Offered to the agent or dialing out; not yet connected. */
    RINGING,
    /** The agent is on the call (talking or holding). */
    CONNECTED,
    /** The agent's part of the call is over (it may still show during after-call work). */
    ENDED,
    /** Offered and never answered (missed, rejected or failed). */
    MISSED
}
