package dev.softphone.amazonconnect;

/**
 * The Java-to-browser half of one live bridge page (DESIGN §6), whatever carries it: a Jakarta WebSocket session,
 * the embedded Jetty server, or an in-process test link. Implementations must be thread-safe.
 */
public interface PageLink {

    /**
     * Sends one protocol message (a JSON object) to the page.
     *
     * @param json the message
     */
    void send(String json);

    /**
     * Closes the page's connection.
     *
     * @param reason why, told to the page
     */
    void close(String reason);
}
