package dev.softphone;

/** Which party of a call an event is about. */
public enum Party {
    /** The customer (the initial party). */
    CUSTOMER,
    /** The party added for a consultation or transfer. */
    THIRD_PARTY,
    /** The agent's own leg. */
    AGENT
}
