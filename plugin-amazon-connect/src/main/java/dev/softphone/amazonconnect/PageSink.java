package dev.softphone.amazonconnect;

/**
 * What a bridge page talks to: the Amazon Connect driver of one phone. The transport calls these methods in the
 * order the page's messages arrive; the driver keeps all logic (DESIGN §6: the page only relays).
 *
 * <p>The contract between transports (through {@link StreamsBridgeHub}) and the driver:
 * <ul>
 *   <li><b>Order.</b> For one phone the hub never calls two of these methods at once. For each page:
 *       {@link #pageAttached(PageLink)} first, then every text message in arrival order through
 *       {@link #pageMessage(String)} (the first one is always a {@code hello} for protocol 1), then exactly one
 *       {@link #pageDetached(PageLink, String)} for that link. Implementations should hand the work to their own lane
 *       and return quickly; they must not block.</li>
 *   <li><b>One live page.</b> When a second page of the same phone pairs, the first page is told why (close code
 *       {@link PageClose#TAKEN_OVER}) and closed, {@code pageDetached(oldLink, …)} is called, and only then
 *       {@code pageAttached(newLink)}. Messages that the old page still sends afterwards are dropped.</li>
 *   <li><b>Commands in flight.</b> When {@code pageDetached} is called, every command sent over that link that has
 *       no {@code result} yet will never get one: the driver fails it at once with
 *       {@link dev.softphone.SoftphoneUnavailableException} (a clear message naming the reason) instead of waiting
 *       for the command timeout. Sending on a detached link throws that exception too.</li>
 *   <li><b>Availability events.</b> The driver reports {@link dev.softphone.spi.Signal.LinkLost} on
 *       {@code pageDetached} and {@link dev.softphone.spi.Signal.LinkRestored} on {@code pageAttached} (core turns
 *       them into {@code SoftphoneUnavailable} / {@code SoftphoneAvailable}). A takeover is a detach immediately
 *       followed by an attach.</li>
 *   <li><b>Gaps.</b> The page numbers messages with {@code seq} per page load; detecting gaps and waiting for the next
 *       full snapshot is the driver's job. After every (re)connect the page sends {@code hello} and then its latest
 *       {@code agent.update}, so a reconnect loses nothing.</li>
 * </ul>
 */
public interface PageSink {

    /**
     * A page connected and was paired with this phone.
     *
     * @param link where to send commands
     */
    void pageAttached(PageLink link);

    /**
     * One browser-to-Java message, as received.
     *
     * @param json the raw text
     */
    void pageMessage(String json);

    /**
     * One browser-to-Java message as the UTF-8 bytes of the WebSocket text message, for transports that hold the
     * frame's bytes (a pooled buffer) and would otherwise decode them to a {@code String} only for the driver to
     * encode it again. Same order rules as {@link #pageMessage(String)}; a transport calls one or the other for each
     * message. The bytes are read during the call only: the sink copies what it keeps, so the transport may reuse
     * its buffer as soon as the call returns.
     *
     * <p>The default decodes the bytes (malformed UTF-8 becomes U+FFFD) and calls {@link #pageMessage(String)}; the
     * Amazon Connect driver reads them directly (docs/performance.md).
     *
     * @param utf8   the buffer holding the message
     * @param offset where the message starts in it
     * @param length the message's length in bytes
     */
    default void pageMessage(byte[] utf8, int offset, int length) {
        pageMessage(new String(utf8, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The page's connection ended. Called exactly once per attached link; fail the commands in flight on it.
     *
     * @param link   the link that ended (ignore it when another page has taken over already)
     * @param reason why, in words
     */
    void pageDetached(PageLink link, String reason);
}
