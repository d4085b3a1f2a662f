package dev.softphone.avaya.internal;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PauseReason;
import dev.softphone.Target;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plugin believes about the agent and the calls, since one-X Agent can tell only part of it. Each change
 * comes from one of three kinds of evidence, named in {@code docs/avaya-onex.md}: a notification (calls created,
 * terminated, missed), an acknowledged command of this plugin (answer, hold, resume, release, mute), or a manual step
 * the application confirmed (agent state, transfers, conference). Not thread-safe: the driver guards it.
 *
 * <p>A call that ended or was missed is shown once with its final status and then dropped, so the picture holds only
 * calls that matter.
 */
public final class OneXModel {
    private static final String AGENT = "/agent";
    private static final String CUSTOMER = "/customer";
    private static final String THIRD_PARTY = "/third-party";

    private final AgentState initialState;
    private final boolean manualIn;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    /** Ids of calls already over, newest last: a late or repeated notification must not bring one back. */
    private final java.util.Set<String> finished = new java.util.LinkedHashSet<>();
    private static final int FINISHED_REMEMBERED = 512;
    private AgentState state = AgentState.LOGGED_OUT;
    private AgentState pending;
    private boolean muted;

    /**
     * @param initialState the state assumed at registration and after a restart of one-X
     * @param manualIn     true when an answered inbound call puts the agent into after-call work
     */
    public OneXModel(AgentState initialState, boolean manualIn) {
        this.initialState = initialState;
        this.manualIn = manualIn;
    }

    // ----- agent -----

    /** The plugin registered with one-X for the first time: the agent is in one-X, in the assumed state. */
    public void registered() {
        if (!state.isLoggedIn()) {
            state = initialState;
        }
    }

    /**
     * one-X Agent restarted: the interactions it had are gone and the agent logged in again, so calls are over and
     * the agent is back in the assumed initial state.
     */
    public void restarted() {
        for (Call c : calls.values()) {
            if (c.isLive()) {
                c.end();
            }
        }
        state = initialState;
        pending = null;
        muted = false;
    }

    /** @return the agent's state */
    public AgentState state() {
        return state;
    }

    /** @return the pending state, or null */
    public AgentState pending() {
        return pending;
    }

    /**
     * The agent changed state by hand (confirmed by the application).
     *
     * @param target       the new state
     * @param whenCallsEnd true when it was requested as the state after the calls (applies at once without calls)
     */
    public void setState(AgentState target, boolean whenCallsEnd) {
        if (whenCallsEnd && hasLiveCall()) {
            pending = target;
        } else {
            state = target;
            pending = null;
        }
    }

    /** The agent logged out of one-X Agent by hand. */
    public void loggedOut() {
        state = AgentState.LOGGED_OUT;
        pending = null;
    }

    /** The agent logged in by hand. */
    public void loggedIn() {
        if (!state.isLoggedIn()) {
            state = initialState;
        }
    }

    /** @return the mute state one-X acknowledged last */
    public boolean muted() {
        return muted;
    }

    /**
     * @param nowMuted the mute state one-X acknowledged
     * @return true when it changed
     */
    public boolean mute(boolean nowMuted) {
        boolean changed = muted != nowMuted;
        muted = nowMuted;
        return changed;
    }

    // ----- calls from notifications -----

    /**
     * {@code VoiceInteractionCreated}.
     *
     * @param n the notification
     * @return false when the call was known already, or is already over (a repeated or late notification)
     */
    public boolean created(Notification.VoiceCreated n) {
        return created(n, false);
    }

    /**
     * {@code VoiceInteractionCreated} of a call that may have been transferred to this agent.
     *
     * @param n           the notification
     * @param transferred true when the configuration says calls of this topic come from other agents; the call is
     *                    then reported with {@code transferredFrom}: its UCID, or without one its own interaction id
     * @return false when the call was known already, or is already over (a repeated or late notification)
     */
    public boolean created(Notification.VoiceCreated n, boolean transferred) {
        if (n.objectId().isEmpty() || calls.containsKey(n.objectId()) || finished.contains(n.objectId())) {
            return false;
        }
        Call c = new Call(n.objectId(), n.outbound() ? Direction.OUTBOUND : Direction.INBOUND, n.remoteAddress(),
                n.topic(), transferred && !n.outbound() ? (n.ucid() != null ? n.ucid() : n.objectId()) : null);
        // Outbound: one-X tells no difference between dialing and talking, so the call counts as connected once it
        // exists (as one-X's own sample clients do). Inbound: alerting until answered.
        c.status = n.outbound() ? CallStatus.CONNECTED : CallStatus.RINGING;
        c.legs.put(c.id + AGENT, new Leg(c.id + AGENT, LegRole.AGENT,
                n.outbound() ? LegState.CONNECTED : LegState.CONNECTING, null, false));
        c.legs.put(c.id + CUSTOMER, new Leg(c.id + CUSTOMER, LegRole.CUSTOMER, LegState.CONNECTED,
                Target.phoneNumber(n.remoteAddress()), false));
        calls.put(c.id, c);
        return true;
    }

    /**
     * {@code VoiceInteractionTerminated}: the call is over for the agent.
     *
     * @param objectId the interaction
     * @return false for an unknown or already ended call
     */
    public boolean terminated(String objectId) {
        Call c = calls.get(objectId);
        if (c == null || !c.isLive()) {
            return false;
        }
        c.end();
        afterCallEnded(c);
        return true;
    }

    /**
     * {@code VoiceInteractionMissed}: an alerting call went unanswered.
     *
     * @param objectId the interaction
     * @return false for an unknown call
     */
    public boolean missed(String objectId) {
        Call c = calls.get(objectId);
        if (c == null || !c.isLive()) {
            return false;
        }
        c.status = CallStatus.MISSED;
        c.legs.replaceAll((k, l) -> l.withState(LegState.DISCONNECTED));
        afterCallEnded(c);
        return true;
    }

    // ----- calls from acknowledged commands and confirmed manual steps -----

    /**
     * The agent answered (accept acknowledged).
     *
     * @param callId the call
     */
    public void answered(String callId) {
        Call c = require(callId);
        if (c.status == CallStatus.RINGING) {
            c.status = CallStatus.CONNECTED;
            c.answered = true;
            c.set(AGENT, LegState.CONNECTED);
        }
    }

    /**
     * The agent released the call (release acknowledged, or the agent left it by hand).
     *
     * @param callId the call
     */
    public void released(String callId) {
        terminated(callId);
    }

    /**
     * @param callId the call
     * @param held   true when the customer is now on hold
     */
    public void customerHeld(String callId, boolean held) {
        require(callId).set(CUSTOMER, held ? LegState.HELD : LegState.CONNECTED);
    }

    /**
     * The agent rejected a ringing call by hand.
     *
     * @param callId the call
     */
    public void rejected(String callId) {
        missed(callId);
    }

    /**
     * The agent added a third party by hand: the customer is held.
     *
     * @param callId the call
     * @param target who was added
     */
    public void consultStarted(String callId, Target target) {
        Call c = require(callId);
        c.set(CUSTOMER, LegState.HELD);
        c.legs.put(c.id + THIRD_PARTY, new Leg(c.id + THIRD_PARTY, LegRole.THIRD_PARTY, LegState.CONNECTED, target,
                false));
    }

    /**
     * The agent started a transfer by hand without waiting for an answer: the customer is held and the target is
     * being dialled. {@link #transferCompleted(String)} follows at once for a blind transfer.
     *
     * @param callId the call
     * @param target who the customer is transferred to
     */
    public void thirdPartyDialled(String callId, Target target) {
        Call c = require(callId);
        c.set(CUSTOMER, LegState.HELD);
        c.legs.put(c.id + THIRD_PARTY, new Leg(c.id + THIRD_PARTY, LegRole.THIRD_PARTY, LegState.CONNECTING, target,
                false));
    }

    /**
     * The agent joined everyone by hand.
     *
     * @param callId the call
     */
    public void conferenced(String callId) {
        Call c = require(callId);
        c.set(CUSTOMER, LegState.CONNECTED);
        c.set(THIRD_PARTY, LegState.CONNECTED);
    }

    /**
     * The agent swapped between customer and third party by hand.
     *
     * @param callId the call
     */
    public void swapped(String callId) {
        Call c = require(callId);
        for (String suffix : List.of(CUSTOMER, THIRD_PARTY)) {
            c.leg(suffix).ifPresent(l -> c.set(suffix,
                    l.state() == LegState.HELD ? LegState.CONNECTED : LegState.HELD));
        }
    }

    /**
     * The agent dropped the third party by hand and returned to the customer.
     *
     * @param callId the call
     */
    public void thirdPartyDropped(String callId) {
        Call c = require(callId);
        c.legs.remove(c.id + THIRD_PARTY);
        c.set(CUSTOMER, LegState.CONNECTED);
    }

    /**
     * The agent completed the transfer by hand: the customer and the third party stay together (the third party as
     * it was last seen), the agent leaves.
     *
     * @param callId the call
     */
    public void transferCompleted(String callId) {
        Call c = require(callId);
        c.set(CUSTOMER, LegState.CONNECTED);
        leave(c);
    }

    /**
     * @param callId a call id
     * @return true when the call is known and ringing or connected
     */
    public boolean isLive(String callId) {
        Call c = calls.get(callId);
        return c != null && c.isLive();
    }

    /**
     * @param callId a call id
     * @return true when the call is known and still ringing
     */
    public boolean isRinging(String callId) {
        Call c = calls.get(callId);
        return c != null && c.status == CallStatus.RINGING;
    }

    /** @return true when any call is ringing or connected */
    public boolean hasLiveCall() {
        return calls.values().stream().anyMatch(Call::isLive);
    }

    // ----- picture -----

    /**
     * The whole picture now. Calls that ended or were missed appear in exactly one picture with their final status.
     *
     * @return the observation
     */
    public Observation snapshot() {
        List<ObservedCall> list = new ArrayList<>();
        for (Call c : calls.values()) {
            list.add(new ObservedCall(c.id, c.id, c.direction, c.status, c.remote, c.queue, c.transferredFrom,
                    List.copyOf(c.legs.values())));
        }
        calls.values().removeIf(c -> {
            if (c.isLive()) {
                return false;
            }
            finished.add(c.id);
            return true;
        });
        while (finished.size() > FINISHED_REMEMBERED) {
            finished.remove(finished.iterator().next());
        }
        // No vendor state name: one-X never tells it; the state is the plugin's belief (see the class comment).
        return new Observation(new ObservedAgent(state, pending, null, null, false), list);
    }

    private void leave(Call c) {
        c.set(AGENT, LegState.DISCONNECTED);
        c.status = CallStatus.ENDED;
        afterCallEnded(c);
    }

    /** Once the last call is over: the pending state applies, or Manual-In puts the agent into after-call work. */
    private void afterCallEnded(Call ended) {
        if (hasLiveCall() || !state.isLoggedIn()) {
            return;
        }
        if (pending != null) {
            state = pending;
            pending = null;
        } else if (manualIn && ended.answered && ended.direction == Direction.INBOUND && state.isRoutable()) {
            state = AgentState.notReady(PauseReason.AFTER_CALL_WORK);
        }
    }

    private Call require(String callId) {
        Call c = calls.get(callId);
        if (c == null) {
            throw new IllegalArgumentException("one-X shows no call " + callId + " (calls: " + calls.keySet() + ")");
        }
        return c;
    }

    /** One voice interaction. */
    private static final class Call {
        final String id;
        final Direction direction;
        final String remote;
        final String queue;
        final String transferredFrom;
        final Map<String, Leg> legs = new LinkedHashMap<>();
        CallStatus status;
        boolean answered;

        Call(String id, Direction direction, String remote, String queue, String transferredFrom) {
            this.id = id;
            this.transferredFrom = transferredFrom;
            this.direction = direction;
            this.remote = remote;
            this.queue = queue;
        }

        boolean isLive() {
            return status == CallStatus.RINGING || status == CallStatus.CONNECTED;
        }

        void end() {
            status = CallStatus.ENDED;
            legs.replaceAll((k, l) -> l.withState(LegState.DISCONNECTED));
        }

        Optional<Leg> leg(String suffix) {
            return Optional.ofNullable(legs.get(id + suffix));
        }

        void set(String suffix, LegState newState) {
            legs.computeIfPresent(id + suffix, (k, l) -> l.withState(newState));
        }
    }
}
