package dev.softphone;

/** What kind of party a transfer target is (normative names). */
public enum TargetKind {
    /** An external phone number. */
    PHONE_NUMBER,
    /** A queue. */
    QUEUE,
    /** A named agent. */
    AGENT,
    /** Another agent whose identity the softphone hides (Amazon's {@code INTERNAL-TRANSFER} legs). */
    INTERNAL
}
