package dev.softphone.internal.call;

import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Leg;
import dev.softphone.LegState;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.spi.ObservedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One call as core follows it from observation to observation: the last picture plus what earlier pictures proved
 * (who left first, which third parties the agent added, whether they were joined). Applies the rules of
 * {@code docs/transfer-detection.md}; the rule ids are named where they act. Used on the phone's lane only.
 */
final class TrackedCall {
    private static final Logger LOG = LoggerFactory.getLogger(TrackedCall.class);

    private final String callId;
    private ObservedCall last;
    private LegPicture legs = LegPicture.NONE;
    /** RINGING until the agent is on the call, then CONNECTED; odd status jumps in the pictures do not move it. */
    private CallStatus phase = CallStatus.RINGING;
    /** The agent's part is over: CallEnded or CallMissed was reported, or the call was first seen ended. */
    private boolean ended;
    private boolean joined;
    /** T12: the customer's leg went away while the agent was still on the call. */
    private boolean customerLeftFirst;
    /** T12: the agent's leg went away while the customer's leg was still there. */
    private boolean agentLeftFirst;
    /** T6: third parties the agent added while on the call, by leg id. */
    private final Map<String, Consult> consults = new LinkedHashMap<>();
    /** Every third-party leg id seen; legs seen before the agent connected are inherited, not consultations. */
    private final Set<String> thirdPartiesSeen = new HashSet<>();
    /** T5, T15: the last known (not UNKNOWN) state of each leg. */
    private final Map<String, LegState> known = new HashMap<>();
    private final Set<String> logged = new HashSet<>();
    /** T11: until when a blind transfer this phone asked for explains the agent leaving. */
    private Instant blindUntil;

    private TrackedCall(String callId) {
        this.callId = callId;
    }

    /**
     * Rules T1–T4: a call seen for the first time.
     *
     * @param call   the call
     * @param events where events go
     * @return the tracked call
     */
    static TrackedCall first(ObservedCall call, CallEvents events) {
        TrackedCall tracked = new TrackedCall(call.callId());
        LegPicture now = tracked.picture(call);
        switch (call.status()) {
            case ENDED -> {
                tracked.ended = true;
                LOG.debug("call {} is first seen already ended (history, for example after a reconnect): no events",
                        call.callId());
            }
            case MISSED -> {
                tracked.offer(call, events);
                events.missed(call.callId());
                tracked.ended = true;
            }
            case RINGING -> {
                tracked.offer(call, events);
                tracked.inheritThirdParties(now);
            }
            case CONNECTED -> {
                tracked.offer(call, events);
                tracked.inheritThirdParties(now);
                tracked.connect(now, events);
            }
        }
        tracked.remember(call, now);
        return tracked;
    }

    /**
     * The call shows again, possibly changed.
     *
     * @param call   its new picture
     * @param events where events go
     */
    void next(ObservedCall call, CallEvents events) {
        // an unchanged call arrives as the very instance seen last (ObservationReuse): its legs are already sorted
        LegPicture now = call == last ? legs : picture(call);
        try {
            if (ended) {
                if (isLive(call.status())) {
                    logOnce("call " + callId + " is reported " + call.status() + " after its end was reported; "
                            + "ignored");
                }
                return;
            }
            noteWhoLeftFirst(call.status(), now);
            if (phase == CallStatus.RINGING) {
                fromRinging(call, now, events);
            } else {
                fromConnected(call, now, events);
            }
        } finally {
            remember(call, now); // even after a failure, the next picture is compared with this one
        }
    }

    /**
     * The call is no longer shown (T4 for a ringing inbound call, else T13).
     *
     * @param events where events go
     */
    void vanished(CallEvents events) {
        if (ended) {
            return;
        }
        if (phase == CallStatus.RINGING && last.direction() == Direction.INBOUND) {
            ended = true;
            events.missed(callId);
        } else {
            end(null, events);
        }
    }

    /**
     * This phone asked for a blind transfer of this call: the agent leaving within the window is a blind transfer.
     *
     * @param until end of the matching window
     */
    void blindTransferRequested(Instant until) {
        blindUntil = until;
    }

    /** This phone's blind transfer failed: forget it. */
    void blindTransferAbandoned() {
        blindUntil = null;
    }

    /** @return the last picture */
    ObservedCall last() {
        return last;
    }

    // ----- transitions -----

    private void fromRinging(ObservedCall call, LegPicture now, CallEvents events) {
        switch (call.status()) {
            case RINGING -> inheritThirdParties(now);
            case CONNECTED -> {
                inheritThirdParties(now);
                connect(now, events);
            }
            case MISSED -> {
                ended = true;
                events.missed(callId);
            }
            case ENDED -> {
                if (call.direction() == Direction.INBOUND) {
                    ended = true;
                    events.missed(callId);
                } else {
                    end(now, events);
                }
            }
        }
    }

    private void fromConnected(ObservedCall call, LegPicture now, CallEvents events) {
        switch (call.status()) {
            case CONNECTED -> {
                if (legs.agentLegActive() && !now.agentLegActive()) {
                    end(now, events); // T13: the agent's own leg left; the status may follow later
                } else {
                    live(now, events);
                }
            }
            case RINGING -> logOnce("call " + callId + " went back from CONNECTED to RINGING; ignored");
            case MISSED, ENDED -> end(now, events);
        }
    }

    /** T1, T2. */
    private void offer(ObservedCall call, CallEvents events) {
        events.offered(call);
        if (call.transferredFrom() != null) {
            events.transferReceived(callId, call.transferredFrom());
        }
    }

    /** T3 and the baseline of T8: the agent is on the call. */
    private void connect(LegPicture now, CallEvents events) {
        phase = CallStatus.CONNECTED;
        events.connected(callId);
        joined = now.joined();
        if (joined) {
            events.conferenced(callId);
        }
    }

    /** Third parties present before the agent is on the call were not added by this agent (T6). */
    private void inheritThirdParties(LegPicture now) {
        for (Leg leg : now.thirdParties()) {
            thirdPartiesSeen.add(leg.legId());
        }
    }

    /** Rules T5–T9 between two pictures of a connected call. */
    private void live(LegPicture now, CallEvents events) {
        for (Leg leg : now.thirdParties()) { // T6
            if (thirdPartiesSeen.add(leg.legId()) && leg.isActive()) {
                Consult consult = new Consult(leg.legId(), LegPicture.targetOf(leg));
                consults.put(leg.legId(), consult);
                events.consultStarted(callId, consult.target());
            }
        }
        for (Consult consult : consults.values()) { // T9
            if (!consult.closed() && !now.active(consult.legId())) {
                consult.close();
                if (now.customerActive()) {
                    events.transferCancelled(callId);
                } else {
                    LOG.debug("call {}: third party {} left after the customer; no transfer to cancel", callId,
                            consult.legId());
                }
            }
        }
        holds(now.customer(), Party.CUSTOMER, events); // T5
        for (Leg leg : now.thirdParties()) {
            holds(leg, Party.THIRD_PARTY, events);
        }
        holds(now.agent(), Party.AGENT, events);
        for (Consult consult : consults.values()) { // T7
            Leg leg = now.leg(consult.legId());
            if (!consult.closed() && !consult.connected() && leg != null && reached(leg.state())) {
                consult.markConnected();
                events.consultConnected(callId);
            }
        }
        gatherEvidence(now);
        if (!now.anyUnknown()) { // T8; an unknown state neither joins nor splits (T15)
            boolean nowJoined = now.joined();
            if (nowJoined && !joined) {
                events.conferenced(callId);
            }
            joined = nowJoined;
        }
    }

    /** What this picture proves about each open consultation, for T11. */
    private void gatherEvidence(LegPicture now) {
        if (!now.agentOn()) {
            return;
        }
        boolean nowJoined = now.joined();
        for (Consult consult : consults.values()) {
            Leg leg = now.leg(consult.legId());
            if (consult.closed() || leg == null) {
                continue;
            }
            if (reached(leg.state())) {
                consult.sawConnectedWhileAgentOn();
            }
            if (leg.state() == LegState.CONNECTED && now.customerState() == LegState.HELD && now.agentTalking()) {
                consult.sawTalkWhileCustomerHeld();
            }
            if (leg.state() == LegState.CONNECTED && nowJoined) {
                consult.sawJoined();
            }
        }
    }

    /** T5: a leg went from talking to held or back. Unknown states keep the last known one. */
    private void holds(Leg leg, Party party, CallEvents events) {
        if (leg == null) {
            return;
        }
        LegState before = known.get(leg.legId());
        if (before == LegState.CONNECTED && leg.state() == LegState.HELD) {
            events.held(callId, party);
        } else if (before == LegState.HELD && leg.state() == LegState.CONNECTED) {
            events.resumed(callId, party);
        }
    }

    /** T10–T13: the agent's part of the call is over. {@code now} is null when the call vanished. */
    private void end(LegPicture now, CallEvents events) {
        ended = true;
        LegPicture before = legs;
        // A final picture that shows nothing active tells nothing about who left first: rely on the last live one.
        LegPicture after = now != null && now.anyActive() ? now : null;
        Consult handedOver = handedOver(before, after);
        if (handedOver != null) { // T10
            handedOver.close();
            events.transferCompleted(callId, handedOver.target(), meta -> TransferModeRule.decide(handedOver,
                    blindUntil != null && !meta.at().isAfter(blindUntil)));
            events.ended(callId, origin -> EndedBy.TRANSFER);
            return;
        }
        events.ended(callId, this::endedBy);
    }

    /** T10: the consultation that keeps the customer when the agent leaves, or null. */
    private Consult handedOver(LegPicture before, LegPicture after) {
        if (customerLeftFirst || (after != null && after.agentLegActive())) {
            return null;
        }
        if (!before.customerActive() || (after != null && !after.customerActive())) {
            return null;
        }
        for (Consult consult : consults.values()) {
            if (!consult.closed() && before.active(consult.legId())
                    && (after == null || after.active(consult.legId()))) {
                return consult;
            }
        }
        return null;
    }

    /**
     * T12: remembers which of customer and agent left first, the first time one leaves while the other is still
     * there. Without an agent leg, the agent counts as still on only while the call's status is live: a final picture
     * showing the customer gone does not say who hung up.
     */
    private void noteWhoLeftFirst(CallStatus status, LegPicture now) {
        if (customerLeftFirst || agentLeftFirst) {
            return;
        }
        boolean agentStillOn = now.hasAgentLeg() ? now.agentLegActive() : isLive(status);
        if (legs.customerActive() && !now.customerActive() && agentStillOn) {
            customerLeftFirst = true;
        } else if (legs.agentLegActive() && !now.agentLegActive() && now.customerActive()) {
            agentLeftFirst = true;
        }
    }

    /** T12 when no transfer happened. */
    private EndedBy endedBy(Origin origin) {
        if (customerLeftFirst) {
            return EndedBy.REMOTE;
        }
        if (agentLeftFirst) {
            return EndedBy.AGENT;
        }
        return origin == Origin.APPLICATION ? EndedBy.AGENT : EndedBy.UNKNOWN;
    }

    // ----- bookkeeping -----

    private LegPicture picture(ObservedCall call) {
        LegPicture picture = LegPicture.of(call);
        for (String odd : picture.oddities()) {
            logOnce("call " + call.callId() + ": " + odd);
        }
        return picture;
    }

    private void remember(ObservedCall call, LegPicture now) {
        if (call == last) {
            return;
        }
        last = call;
        legs = now;
        for (Leg leg : now.all()) {
            // stores only what changed: a phone's state is long-lived, and each store into it costs the collector
            if (leg.state() != LegState.UNKNOWN && known.get(leg.legId()) != leg.state()) {
                known.put(leg.legId(), leg.state());
            }
        }
    }

    private void logOnce(String message) {
        if (logged.size() < 64 && logged.add(message)) {
            LOG.warn(message);
        }
    }

    private static boolean reached(LegState state) {
        return state == LegState.CONNECTED || state == LegState.HELD;
    }

    static boolean isLive(CallStatus status) {
        return status == CallStatus.RINGING || status == CallStatus.CONNECTED;
    }
}
