package dev.softphone;

/**
 * Base of every exception the SDK raises. Command stages complete exceptionally with a subclass; the subclass says
 * what kind of failure it was (see {@code docs/architecture.md}, "Exceptions").
 */
public class SoftphoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public SoftphoneException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public SoftphoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
