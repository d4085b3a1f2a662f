package dev.softphone.amazonconnect;

/**
 * The hub refused to pair a page: the token is missing, unknown or expired, the origin is foreign, or the phone is
 * closed. Transports close the socket with {@link #closeCode()} and the message as the close reason.
 */
public final class BridgeRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final PageClose closeCode;

    /**
     * @param closeCode the close code to send
     * @param message   why, in words that say what to fix
     */
    public BridgeRefusedException(PageClose closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /** @return the close code to send to the page */
    public PageClose closeCode() {
        return closeCode;
    }
}
