package dev.softphone.amazonconnect.internal;

/**
 * A Streams endpoint: a connection's party, or a quick connect returned by {@code getEndpoints}.
 *
 * @param arn         the {@code endpointARN} (a quick connect's transfer-destination ARN), or null
 * @param type        {@code phone_number}, {@code agent}, {@code queue} (or a newer value)
 * @param name        the endpoint's name (the quick connect name), or null
 * @param phoneNumber the number, or null
 * @param agentLogin  the agent login, or null
 * @param queueArn    the queue ARN of the endpoint's {@code queue}, or null
 * @param queueName   the queue name of the endpoint's {@code queue}, or null
 */
public record StreamsEndpoint(String arn, String type, String name, String phoneNumber, String agentLogin,
                              String queueArn, String queueName) {

    /** The text the native CCP shows for legs of other agents whose identity it hides. */
    public static final String INTERNAL_TRANSFER = "INTERNAL-TRANSFER";

    /**
     * @param number a phone number
     * @return a phone-number endpoint, as {@code connect.Endpoint.byPhoneNumber} makes it
     */
    public static StreamsEndpoint phoneNumber(String number) {
        return new StreamsEndpoint(null, "phone_number", null, number, null, null, null);
    }

    /** @return true when any text of the endpoint is {@code INTERNAL-TRANSFER} */
    public boolean isInternalTransfer() {
        return INTERNAL_TRANSFER.equalsIgnoreCase(name) || INTERNAL_TRANSFER.equalsIgnoreCase(phoneNumber)
                || INTERNAL_TRANSFER.equalsIgnoreCase(agentLogin) || INTERNAL_TRANSFER.equalsIgnoreCase(type);
    }

    /**
     * @return the phone number without a {@code sip:…@host} wrapper, as {@code endpoint.stripPhoneNumber()} does;
     *         null when there is none
     */
    public String strippedNumber() {
        if (phoneNumber == null || phoneNumber.isBlank()) {
            return null;
        }
        String n = phoneNumber.trim();
        if (n.startsWith("sip:")) {
            n = n.substring(4);
            int at = n.indexOf('@');
            if (at >= 0) {
                n = n.substring(0, at);
            }
        }
        return n.isEmpty() ? null : n;
    }
}
