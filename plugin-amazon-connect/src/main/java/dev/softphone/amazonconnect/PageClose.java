package dev.softphone.amazonconnect;

/**
 * Why a bridge page's socket was closed, as the WebSocket close code the page sees. {@code streams-bridge.js} keeps
 * reconnecting after the standard codes and stops after the {@code 44xx} codes: reconnecting cannot help when the
 * token is refused, the origin is foreign, another page took over or the phone is gone.
 */
public enum PageClose {
    /** The phone closed the link on purpose (1000); the page may reconnect. */
    NORMAL(1000, true),
    /** The server is shutting down (1001); the page reconnects. */
    GOING_AWAY(1001, true),
    /** A message was larger than the hard limit (1009); the page reconnects. */
    TOO_BIG(1009, true),
    /** The page broke the protocol, e.g. its first message was not {@code hello} for protocol 1 (4400). */
    BAD_PROTOCOL(4400, false),
    /** The pairing token is missing, unknown or expired (4401). */
    UNAUTHORIZED(4401, false),
    /** The page's {@code Origin} is not allowed (4403). */
    FORBIDDEN_ORIGIN(4403, false),
    /** Another page of the same phone connected and took over (4409). */
    TAKEN_OVER(4409, false),
    /** The phone the token belongs to is closed (4410). */
    PHONE_GONE(4410, false),
    /** The page sent messages faster than {@link BridgePolicy#maxMessagesPerSecond()} allows (4429). */
    TOO_MANY_MESSAGES(4429, true);

    private final int code;
    private final boolean reconnect;

    PageClose(int code, boolean reconnect) {
        this.code = code;
        this.reconnect = reconnect;
    }

    /** @return the WebSocket close code */
    public int code() {
        return code;
    }

    /** @return whether {@code streams-bridge.js} tries to reconnect after this close */
    public boolean pageReconnects() {
        return reconnect;
    }

    /**
     * @param code a WebSocket close code
     * @return the matching constant, or {@code null} when the code is none of these
     */
    public static PageClose ofCode(int code) {
        for (PageClose c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
