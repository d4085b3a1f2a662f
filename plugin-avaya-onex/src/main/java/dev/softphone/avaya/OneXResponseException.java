package dev.softphone.avaya;

import dev.softphone.VendorException;

/**
 * one-X Agent answered a request with a non-zero {@code ResponseCode}. {@link #vendorCode()} is the code as text;
 * {@link #responseCode()} the number and {@link #request()} the API request (for example {@code voice/hold}).
 *
 * <p>Avaya does not publish the table of codes. Known from working clients: {@code 0} is success and {@code 1}
 * probably means the client name is already registered. Any other code is passed on unchanged.
 */
public class OneXResponseException extends VendorException {
    private static final long serialVersionUID = 1L;
    private final int responseCode;
    private final String request;

    /**
     * @param responseCode the {@code ResponseCode} one-X answered
     * @param request      the API request, relative to {@code /onexagent/api/}
     * @param detail       what the plugin was doing, in words
     */
    public OneXResponseException(int responseCode, String request, String detail) {
        super(Integer.toString(responseCode), "one-X Agent answered ResponseCode " + responseCode + " to " + request
                + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.responseCode = responseCode;
        this.request = request;
    }

    /** @return the {@code ResponseCode} */
    public int responseCode() {
        return responseCode;
    }

    /** @return the API request that was refused, for example {@code voice/hold} */
    public String request() {
        return request;
    }
}
