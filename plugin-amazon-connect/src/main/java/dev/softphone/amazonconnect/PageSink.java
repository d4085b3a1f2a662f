package dev.softphone.amazonconnect;

/**
 * What a bridge page talks to: the Amazon Connect driver of one phone. The transport calls these methods in the
 * order the page's messages arrive; the driver keeps all logic (DESIGN §6: the page only relays).
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
     * The page's connection ended.
     *
     * @param link   the link that ended (ignore it when another page has taken over already)
     * @param reason why, in words
     */
    void pageDetached(PageLink link, String reason);
}
