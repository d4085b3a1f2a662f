package dev.softphone;

/** Who caused a {@link PhoneEvent}: a command of this phone, or the softphone side (the agent in the vendor window, the far end, the contact center). */
public enum Origin {
    /** The event matches a command this {@code Phone} sent, within the matching window. */
    APPLICATION,
    /** The agent, the far end or the vendor caused it. */
    SOFTPHONE
}
