package dev.softphone;

/** Who ended a call (normative names). */
public enum EndedBy {
    /** The agent hung up. */
    AGENT,
    /** The far end hung up. */
    REMOTE,
    /** The agent left after handing the call to a third party. */
    TRANSFER,
    /** The evidence cannot tell. */
    UNKNOWN
}
