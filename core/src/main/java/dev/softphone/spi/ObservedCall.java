package dev.softphone.spi;

import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;

import java.util.List;
import java.util.Objects;

/**
 * One call as the softphone shows it, with every leg.
 *
 * @param callId          the vendor's id of the call (Amazon: contact id)
 * @param initialCallId   the first call of its transfer chain; equals callId when not transferred
 * @param direction       inbound or outbound
 * @param status          ringing, connected, ended or missed
 * @param remote          the customer's number, or null
 * @param queue           the queue it came through, or null
 * @param transferredFrom for a call that another agent transferred to this one, the call it came from (Amazon: the
 *                        {@code initialContactId}); else null
 * @param legs            every leg, the agent's included
 */
public record ObservedCall(String callId, String initialCallId, Direction direction, CallStatus status,
                           String remote, String queue, String transferredFrom, List<Leg> legs) {

    /** Validates and copies the components. */
    public ObservedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        initialCallId = initialCallId == null ? callId : initialCallId;
        legs = List.copyOf(legs);
    }
}
