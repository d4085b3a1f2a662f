package dev.softphone.internal;

import dev.softphone.AgentState;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.agent.AgentStateOptions;
import dev.softphone.internal.agent.AgentStateSync;
import dev.softphone.internal.call.CallTracker;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.LogMasking;
import dev.softphone.spi.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one phone as core understands it: diffs each observation against the previous one and turns
 * signals into events. Used on the phone's lane only, so it needs no locks.
 */
public final class PhoneSession {
    private static final Logger LOG = LoggerFactory.getLogger(PhoneSession.class);
    private final EventStamper stamper;
    private final AgentStateSync agent;
    private final CallTracker calls = new CallTracker();
    private Observation last;
    private boolean softphoneAvailable = true;

    /**
     * @param stamper gives each event its meta
     */
    public PhoneSession(EventStamper stamper) {
        this(stamper, AgentStateOptions.defaults());
    }

    /**
     * @param stamper      gives each event its meta
     * @param agentOptions how the agent state is treated
     */
    public PhoneSession(EventStamper stamper, AgentStateOptions agentOptions) {
        this.stamper = stamper;
        this.agent = new AgentStateSync(agentOptions, stamper);
    }

    /**
     * @param observation the whole current picture
     * @return the events it implies, in order; empty when nothing changed
     */
    public List<PhoneEvent> observe(Observation observation) {
        // the picture keeps the previous one's instances where equal, so the trackers keep (and need not store)
        // what did not change
        Observation picture = ObservationReuse.against(last, observation);
        if (picture == last) {
            return List.of();
        }
        last = picture;
        List<PhoneEvent> out = new ArrayList<>();
        // A login is reported before the calls it brings; otherwise calls go first, so that a call's end precedes
        // the after-call work it causes.
        if (!agent.state().isLoggedIn()) {
            agent.observe(picture.agent(), out);
            calls.observe(picture.calls(), stamper, out);
        } else {
            calls.observe(picture.calls(), stamper, out);
            agent.observe(picture.agent(), out);
        }
        return out;
    }

    /**
     * @param signal something that is not state
     * @return the events it implies
     */
    public List<PhoneEvent> signal(Signal signal) {
        List<PhoneEvent> out = new ArrayList<>();
        if (signal instanceof Signal.MuteToggled m) {
            out.add(new PhoneEvent.MuteChanged(stamper.next(PhoneEvent.MuteChanged.class, null), m.muted()));
        } else if (signal instanceof Signal.SoftphoneError e) {
            if (agent.state().isLoggedIn()) {
                out.add(new PhoneEvent.AgentError(stamper.next(PhoneEvent.AgentError.class, null), e.name()));
            } else {
                // AgentError belongs to an agent session (PhoneListener grammar): outside one it is only logged
                LOG.warn("softphone error {} while no agent is logged in (not an AgentError): {}",
                        LogMasking.text(e.name(), 200), LogMasking.text(e.message(), 500));
            }
        } else if (signal instanceof Signal.LinkLost l) {
            if (softphoneAvailable) {
                softphoneAvailable = false;
                out.add(new PhoneEvent.SoftphoneUnavailable(
                        stamper.next(PhoneEvent.SoftphoneUnavailable.class, null), l.reason()));
            }
        } else if (signal instanceof Signal.LinkRestored r) {
            if (!softphoneAvailable) {
                softphoneAvailable = true;
                out.add(new PhoneEvent.SoftphoneAvailable(
                        stamper.next(PhoneEvent.SoftphoneAvailable.class, null), r.reason()));
            }
        } else {
            agent.signal(signal, out);
            if (!agent.state().isLoggedIn()) {
                last = null;
            }
        }
        return out;
    }

    /**
     * Records the application's confirmation of a manual step.
     *
     * @param stepId     the step
     * @param capability what it did
     * @param callId     the call, or null
     * @return the event
     */
    public List<PhoneEvent> manualStepConfirmed(String stepId, dev.softphone.Capability capability, String callId) {
        return List.of(new PhoneEvent.ManualStepConfirmed(stamper.next(dev.softphone.Origin.APPLICATION), stepId,
                capability, callId));
    }

    /** @return the agent state machine: state, pending state, open pause/ready requests, desired-state policy */
    public AgentStateSync agent() {
        return agent;
    }

    /**
     * This phone is about to make the agent leave a call as the second step of a blind transfer (rule T11).
     *
     * @param callId the call
     * @param until  end of the matching window
     */
    public void blindTransferRequested(String callId, java.time.Instant until) {
        calls.blindTransferRequested(callId, until);
    }

    /**
     * This phone's blind transfer failed.
     *
     * @param callId the call
     */
    public void blindTransferAbandoned(String callId) {
        calls.blindTransferAbandoned(callId);
    }

    /** @return the agent's state */
    public AgentState agentState() {
        return agent.state();
    }

    /** @return the pending state, or null */
    public AgentState pendingState() {
        return agent.pending();
    }

    /** @return the calls as last observed */
    public List<ObservedCall> calls() {
        return calls.calls();
    }

    /** @return false while the link to the softphone is lost */
    public boolean softphoneAvailable() {
        return softphoneAvailable;
    }
}
