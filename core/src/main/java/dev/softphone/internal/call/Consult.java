package dev.softphone.internal.call;

import dev.softphone.Target;
import dev.softphone.TargetKind;

/**
 * What the observations showed about one third party the agent added (a consultation or transfer leg): the evidence
 * rule T11 of {@code docs/transfer-detection.md} reads to name the transfer mode. Mutable, owned by one
 * {@link TrackedCall}.
 */
final class Consult {
    private final String legId;
    private final Target target;
    private boolean connected;
    private boolean connectedWhileAgentOn;
    private boolean talkedWhileCustomerHeld;
    private boolean joined;
    private boolean closed;

    /**
     * @param legId  the third party's leg
     * @param target who it is
     */
    Consult(String legId, Target target) {
        this.legId = legId;
        this.target = target;
    }

    String legId() {
        return legId;
    }

    Target target() {
        return target;
    }

    /** @return true once ConsultConnected was reported */
    boolean connected() {
        return connected;
    }

    void markConnected() {
        connected = true;
    }

    /** The third party showed connected (or held) in a picture where the agent was still on the call. */
    void sawConnectedWhileAgentOn() {
        connectedWhileAgentOn = true;
    }

    /** The agent talked with the connected third party while the customer was on hold. */
    void sawTalkWhileCustomerHeld() {
        talkedWhileCustomerHeld = true;
    }

    /** The third party was joined with the customer and the agent. */
    void sawJoined() {
        joined = true;
    }

    /** @return true once the third party left, or the transfer was completed */
    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    boolean wasConnectedWhileAgentOn() {
        return connectedWhileAgentOn;
    }

    boolean wasJoined() {
        return joined;
    }

    /**
     * For queue, agent and internal targets a connected leg only proves that the transfer flow was reached (Amazon
     * reports {@code connected} before anyone answers), so only a phone number's connected leg proves a
     * conversation.
     *
     * @return true when the observations prove the agent talked with a person on that leg while the customer waited
     */
    boolean provesConsultation() {
        return talkedWhileCustomerHeld && target.kind() == TargetKind.PHONE_NUMBER;
    }
}
