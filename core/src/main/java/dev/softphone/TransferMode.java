package dev.softphone;

/** How a completed transfer happened (normative names). */
public enum TransferMode {
    /** All three parties were joined before the agent left. */
    CONFERENCE,
    /** The agent talked with the third party while the customer was held. */
    CONSULTED,
    /** The agent left before the third party connected. */
    BLIND,
    /** The evidence cannot tell. */
    UNDETERMINED
}
