package dev.softphone;

/** The {@link Phone} was closed; it takes no more commands. */
public class PhoneClosedException extends SoftphoneException {
    private static final long serialVersionUID = 1L;

    /**
     * @param phoneId the closed phone
     */
    public PhoneClosedException(String phoneId) {
        super("phone " + phoneId + " is closed");
    }
}
