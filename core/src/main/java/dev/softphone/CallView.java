package dev.softphone;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable picture of one call as the SDK last saw it.
 *
 * @param callId        the vendor's id of this call (Amazon: the contact id)
 * @param initialCallId the first call of a transfer chain (equals {@code callId} for a call that was not
 *                      transferred)
 * @param direction     inbound or outbound
 * @param status        ringing, connected, ended or missed
 * @param remote        the customer's number, or null when unknown
 * @param queue         the queue the call came through, or null
 * @param legs          every leg, the agent's included
 * @param context       the call context on this phone: what the application attached, or what was handed off with a
 *                      transferred call (see {@link Phone#context(String)})
 */
public record CallView(String callId, String initialCallId, Direction direction, CallStatus status, String remote,
                       String queue, List<Leg> legs, CallContext context) {

    /**
     * A view without call context.
     *
     * @param callId        the call id
     * @param initialCallId the first call of its transfer chain, or null
     * @param direction     inbound or outbound
     * @param status        the status
     * @param remote        the customer's number, or null
     * @param queue         the queue, or null
     * @param legs          every leg
     */
    public CallView(String callId, String initialCallId, Direction direction, CallStatus status, String remote,
                    String queue, List<Leg> legs) {
        this(callId, initialCallId, direction, status, remote, queue, legs, CallContext.empty());
    }

    /** Validates and copies the components. */
    public CallView {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        initialCallId = initialCallId == null ? callId : initialCallId;
        legs = List.copyOf(legs);
        context = context == null ? CallContext.empty() : context;
    }

    /** @return the customer's leg, if any */
    public Optional<Leg> customer() {
        return legs.stream().filter(l -> l.role() == LegRole.CUSTOMER).findFirst();
    }

    /** @return the agent's own leg, if any */
    public Optional<Leg> agent() {
        return legs.stream().filter(l -> l.role() == LegRole.AGENT).findFirst();
    }

    /** @return the active third-party legs */
    public List<Leg> thirdParties() {
        return legs.stream().filter(l -> l.role() == LegRole.THIRD_PARTY && l.isActive()).toList();
    }
}
