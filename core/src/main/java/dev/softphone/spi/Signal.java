package dev.softphone.spi;

/**
 * Something a driver saw that is not part of the state picture.
 */
public sealed interface Signal {

    /** The vendor session ended (Amazon {@code terminated}): the agent logged out in the softphone. */
    record SessionTerminated() implements Signal {
    }

    /**
     * The vendor session's credentials are no longer valid (Amazon {@code auth_fail}).
     *
     * @param message the vendor's words, may be empty
     */
    record AuthFailed(String message) implements Signal {
    }

    /**
     * The agent's microphone was muted or unmuted (Amazon {@code agent::mute_toggle}).
     *
     * @param muted true when muted now
     */
    record MuteToggled(boolean muted) implements Signal {
    }

    /**
     * The softphone reported an error (Amazon {@code agent::softphone_error}).
     *
     * @param name    the vendor's error type
     * @param message the vendor's message, may be empty
     */
    record SoftphoneError(String name, String message) implements Signal {
    }

    /**
     * The link to the softphone was lost: commands cannot be delivered and nothing is observed.
     *
     * @param reason what happened, in words
     */
    record LinkLost(String reason) implements Signal {
    }

    /**
     * The link to the softphone is back; a full observation follows.
     *
     * @param reason what happened, in words
     */
    record LinkRestored(String reason) implements Signal {
    }
}
