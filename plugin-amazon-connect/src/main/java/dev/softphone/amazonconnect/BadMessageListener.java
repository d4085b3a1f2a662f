package dev.softphone.amazonconnect;

/**
 * Told about every bridge message the plugin could not use (not JSON, no {@code data}, the wrong shape, an unknown
 * message type). The plugin always logs these and goes on with the next message, keeping everything it knew; a
 * listener lets an application count or surface them. Called on the transport's thread; must not block.
 */
@FunctionalInterface
public interface BadMessageListener {

    /** A listener that does nothing (the plugin still logs). */
    BadMessageListener NONE = (phoneId, problem, message) -> { };

    /**
     * @param phoneId the phone whose page sent it
     * @param problem what was wrong, with the JSON path where it applies
     * @param message the message as received (possibly long)
     */
    void badMessage(String phoneId, String problem, String message);
}
