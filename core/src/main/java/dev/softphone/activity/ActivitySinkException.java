package dev.softphone.activity;

/**
 * A sink could not deliver records. Retryable failures (endpoint down, timeout, HTTP 5xx/429) are tried again later;
 * permanent ones (the receiver rejects the content) set the records aside so the others can go on.
 */
public class ActivitySinkException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    /**
     * @param message   what went wrong
     * @param retryable whether trying the same records again later may succeed
     * @param cause     the underlying failure, or null
     */
    public ActivitySinkException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure, or null
     * @return a failure worth retrying
     */
    public static ActivitySinkException retryable(String message, Throwable cause) {
        return new ActivitySinkException(message, true, cause);
    }

    /**
     * @param message what the receiver rejected and why
     * @return a failure that retrying cannot fix
     */
    public static ActivitySinkException rejected(String message) {
        return new ActivitySinkException(message, false, null);
    }

    /** @return whether trying the same records again later may succeed */
    public boolean retryable() {
        return retryable;
    }
}
