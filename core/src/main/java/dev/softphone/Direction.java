package dev.softphone;

/** Which way a call was placed. */
public enum Direction {
    /** The customer (or another agent) called in. */
    INBOUND,
    /** The agent placed the call. */
    OUTBOUND
}
