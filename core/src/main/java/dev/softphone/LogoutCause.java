package dev.softphone;

/** Why an agent's session ended (normative names). */
public enum LogoutCause {
    /** The softphone went to an offline state. */
    OFFLINE_STATE,
    /** The vendor session ended (the agent logged out in the softphone, or it was shut down). */
    SESSION_TERMINATED,
    /** The vendor session's credentials are no longer valid. */
    AUTH_FAILED,
    /** The application asked for the logout. */
    APPLICATION
}
