package dev.softphone;

/**
 * The softphone refused or failed a command. Carries the vendor's own error type and message, unchanged, so support
 * staff can search the vendor's documentation for them.
 */
public class VendorException extends SoftphoneException {
    private static final long serialVersionUID = 1L;
    private final String vendorCode;
    private final String vendorMessage;

    /**
     * @param vendorCode    the vendor's error type or code (for example {@code InvalidStateException}, or a one-X
     *                      {@code ResponseCode})
     * @param vendorMessage the vendor's message, may be empty
     */
    public VendorException(String vendorCode, String vendorMessage) {
        super(vendorCode + (vendorMessage == null || vendorMessage.isEmpty() ? "" : ": " + vendorMessage));
        this.vendorCode = vendorCode;
        this.vendorMessage = vendorMessage == null ? "" : vendorMessage;
    }

    /** @return the vendor's error type or code */
    public String vendorCode() {
        return vendorCode;
    }

    /** @return the vendor's message */
    public String vendorMessage() {
        return vendorMessage;
    }
}
