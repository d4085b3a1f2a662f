package dev.softphone;

/**
 * A call context was refused where it was created or attached: a value that JSON cannot carry (the message names
 * the key path and the Java type found), a blank key, nesting that is too deep, or a context larger than the
 * store's payload limit. Nothing was stored and nothing was sent to the softphone.
 */
public class InvalidCallContextException extends SoftphoneException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was wrong, with the path of the offending value
     */
    public InvalidCallContextException(String message) {
        super(message);
    }
}
