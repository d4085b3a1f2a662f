package dev.softphone.amazonconnect.internal;

/**
 * A bridge message that cannot be used: not JSON, no {@code data}, or the wrong shape. The message says what was
 * wrong and where, so the page or the recording can be fixed.
 */
public final class BadMessageException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param what what was wrong, with the JSON path
     */
    public BadMessageException(String what) {
        super(what);
    }
}
