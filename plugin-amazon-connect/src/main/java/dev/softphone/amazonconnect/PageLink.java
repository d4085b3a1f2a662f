package dev.softphone.amazonconnect;

/**
 * The Java-to-browser half of one live bridge page (DESIGN §6), whatever carries it: a Jakarta WebSocket session,
 * the embedded Jetty server, or an in-process test link. Implementations must be thread-safe.
 *
 * <p>The link a {@link PageSink} receives in {@link PageSink#pageAttached(PageLink)} is the hub's guard around the
 * transport: once the page is gone (socket dropped, taken over, closed) {@link #send(String)} throws
 * {@link dev.softphone.SoftphoneUnavailableException} instead of writing into the void, and
 * {@link PageSink#pageDetached(PageLink, String)} is (or already was) called for it.
 */
public interface PageLink {

    /**
     * Sends one protocol message (a JSON object) to the page. Does not wait for the network: messages are written in
     * call order.
     *
     * @param json the message
     * @throws dev.softphone.SoftphoneUnavailableException when the page is no longer connected
     */
    void send(String json);

    /**
     * Closes the page's connection with {@link PageClose#NORMAL}.
     *
     * @param reason why, told to the page
     */
    void close(String reason);

    /**
     * Closes the page's connection with a specific close code. Transports that carry codes override this; the
     * default ignores the code.
     *
     * @param code   the close code the page sees
     * @param reason why, told to the page (cut to the 123 bytes a WebSocket close frame allows)
     */
    default void close(PageClose code, String reason) {
        close(reason);
    }
}
