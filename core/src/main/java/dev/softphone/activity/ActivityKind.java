package dev.softphone.activity;

/**
 * What an {@link ActivityRecord} reports. Each kind fills a documented subset of the record's fields (see
 * {@code docs/reporting.md}).
 */
public enum ActivityKind {
    /** The agent logged in; {@code reason} holds the pause code when the agent starts paused. */
    LOGGED_IN,
    /** The agent logged out; {@code duration} is the session length, attribute {@code cause} why. */
    LOGGED_OUT,
    /** A pause (any not-ready state) started; {@code reason} is its code. */
    PAUSE_STARTED,
    /** A pause ended; {@code reason} is its code, {@code duration} its length. */
    PAUSE_ENDED,
    /** A call rang for the agent or started dialing out. */
    CALL_OFFERED,
    /** The agent was connected to the call; {@code ringTime} is set. */
    CALL_ANSWERED,
    /** An offered call was never answered by the agent; {@code ringTime} is set. */
    CALL_MISSED,
    /** The agent's part of the call ended; ring, talk (null when never answered) and hold time are set. */
    CALL_ENDED,
    /** A party was put on hold; attribute {@code party} says who. */
    HOLD_STARTED,
    /** A held party was taken off hold; {@code duration} is the hold's length. */
    HOLD_ENDED,
    /** A consultation or transfer to {@code target} started. */
    TRANSFER_STARTED,
    /** The consultation was cancelled: the third party dropped, the customer kept. */
    TRANSFER_CANCELLED,
    /** The call was handed over to {@code target} in {@code transferMode}. */
    TRANSFER_COMPLETED,
    /** An arriving call was transferred to this agent; attribute {@code fromCallId} names the original call. */
    TRANSFER_RECEIVED,
    /** All parties of the call were joined. */
    CONFERENCED,
    /** The application confirmed a manual step; attributes {@code stepId} and {@code capability}. */
    MANUAL_STEP_CONFIRMED,
    /**
     * The raw phone event in its normative JSON form ({@code event}), for archiving sinks such as JSON lines. Other
     * sinks skip it.
     */
    PHONE_EVENT
}
