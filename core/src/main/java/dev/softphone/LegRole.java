package dev.softphone;

/** The role of one leg of a call, from the agent's point of view. */
public enum LegRole {
    /** The customer's leg (the initial connection). */
    CUSTOMER,
    /** A party added to the call: a number, a queue or another agent. */
    THIRD_PARTY,
    /** The agent's own leg. */
    AGENT,
    /** A supervisor's monitoring leg; never a third party. */
    MONITOR
}
