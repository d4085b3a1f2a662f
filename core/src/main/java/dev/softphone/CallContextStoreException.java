package dev.softphone;

/**
 * The call context store could not load or save a context: it is down, it timed out, or the softphone gives no
 * correlation id for the call. A call never fails because of this: transfers proceed, and a receiving phone reports
 * the hand-off as {@link ContextHandoff.Status#UNAVAILABLE}.
 */
public class CallContextStoreException extends SoftphoneException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public CallContextStoreException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause   the store's own failure
     */
    public CallContextStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
