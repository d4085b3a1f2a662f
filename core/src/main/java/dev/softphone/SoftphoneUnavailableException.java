package dev.softphone;

/**
 * The link to the softphone is down (the bridge page is closed, one-X Agent is not running), so the command could
 * not be delivered or its answer was lost.
 */
public class SoftphoneUnavailableException extends SoftphoneException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was lost and why
     */
    public SoftphoneUnavailableException(String message) {
        super(message);
    }
}
