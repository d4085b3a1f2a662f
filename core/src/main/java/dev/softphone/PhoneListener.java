package dev.softphone;

/**
 * Receives the events of a {@link Phone}, one at a time and in order.
 *
 * <p>Override the methods of the events you care about, or {@link #onEvent(PhoneEvent)} to see every event (its
 * default implementation calls the specific method). Listeners run on the phone's serial lane, never under a core
 * lock; a listener that throws is logged and skipped, and the other listeners still get the event. Keep listeners
 * quick: the next event of the same phone waits for them.
 *
 * <p>The grammar of one call's events (checked by the testkit's assertions):
 * <pre>
 * CallOffered (CallConnected (CallHeld CallResumed | ConsultStarted [ConsultConnected] [Conferenced]
 *                              (TransferCancelled | TransferCompleted))* CallEnded
 *             | CallMissed)
 * </pre>
 * A {@code TransferReceived} follows the {@code CallOffered} of a call another agent transferred. Every
 * {@code CallHeld} of a party is followed by a {@code CallResumed} of that party or by the call's end. The agent's
 * events: {@code AgentLoggedIn (AgentStateChanged | AgentError)* AgentLoggedOut}, repeated; {@code MuteChanged},
 * {@code SoftphoneUnavailable}/{@code SoftphoneAvailable} (which alternate) and {@code ManualStepConfirmed} may come
 * at any time.
 */
public interface PhoneListener {

    /** A listener that ignores every event. */
    PhoneListener NONE = new PhoneListener() {
        @Override
        public void onEvent(PhoneEvent event) {
        }

        @Override
        public String toString() {
            return "PhoneListener.NONE";
        }
    };

    /**
     * Called for every event. The default calls the event's specific method.
     *
     * @param event the event
     */
    default void onEvent(PhoneEvent event) {
        if (event instanceof PhoneEvent.AgentLoggedIn e) {
            onAgentLoggedIn(e);
        } else if (event instanceof PhoneEvent.AgentStateChanged e) {
            onAgentStateChanged(e);
        } else if (event instanceof PhoneEvent.AgentLoggedOut e) {
            onAgentLoggedOut(e);
        } else if (event instanceof PhoneEvent.AgentError e) {
            onAgentError(e);
        } else if (event instanceof PhoneEvent.AgentStateEnforcementStopped e) {
            onAgentStateEnforcementStopped(e);
        } else if (event instanceof PhoneEvent.CallOffered e) {
            onCallOffered(e);
        } else if (event instanceof PhoneEvent.CallConnected e) {
            onCallConnected(e);
        } else if (event instanceof PhoneEvent.CallMissed e) {
            onCallMissed(e);
        } else if (event instanceof PhoneEvent.CallHeld e) {
            onCallHeld(e);
        } else if (event instanceof PhoneEvent.CallResumed e) {
            onCallResumed(e);
        } else if (event instanceof PhoneEvent.MuteChanged e) {
            onMuteChanged(e);
        } else if (event instanceof PhoneEvent.ConsultStarted e) {
            onConsultStarted(e);
        } else if (event instanceof PhoneEvent.ConsultConnected e) {
            onConsultConnected(e);
        } else if (event instanceof PhoneEvent.Conferenced e) {
            onConferenced(e);
        } else if (event instanceof PhoneEvent.TransferCancelled e) {
            onTransferCancelled(e);
        } else if (event instanceof PhoneEvent.TransferCompleted e) {
            onTransferCompleted(e);
        } else if (event instanceof PhoneEvent.TransferReceived e) {
            onTransferReceived(e);
        } else if (event instanceof PhoneEvent.CallEnded e) {
            onCallEnded(e);
        } else if (event instanceof PhoneEvent.SoftphoneUnavailable e) {
            onSoftphoneUnavailable(e);
        } else if (event instanceof PhoneEvent.SoftphoneAvailable e) {
            onSoftphoneAvailable(e);
        } else if (event instanceof PhoneEvent.ManualStepConfirmed e) {
            onManualStepConfirmed(e);
        }
    }

    /**
     * The agent's session with the softphone started.
     *
     * @param event the event
     */
    default void onAgentLoggedIn(PhoneEvent.AgentLoggedIn event) {
    }

    /**
     * The agent's state changed, or a change became pending until the calls end.
     *
     * @param event the event
     */
    default void onAgentStateChanged(PhoneEvent.AgentStateChanged event) {
    }

    /**
     * The agent's session ended.
     *
     * @param event the event
     */
    default void onAgentLoggedOut(PhoneEvent.AgentLoggedOut event) {
    }

    /**
     * The softphone put the agent in a vendor error state (for example Amazon's {@code MissedCallAgent}).
     *
     * @param event the event
     */
    default void onAgentError(PhoneEvent.AgentError event) {
    }

    /**
     * The SDK stopped re-applying the application's state (policy {@link DesiredStatePolicy#ENFORCE_APPLICATION}).
     *
     * @param event the event
     */
    default void onAgentStateEnforcementStopped(PhoneEvent.AgentStateEnforcementStopped event) {
    }

    /**
     * A call appeared: ringing for the agent, or dialing out.
     *
     * @param event the event
     */
    default void onCallOffered(PhoneEvent.CallOffered event) {
    }

    /**
     * The agent is connected to the call.
     *
     * @param event the event
     */
    default void onCallConnected(PhoneEvent.CallConnected event) {
    }

    /**
     * A call was offered and never answered.
     *
     * @param event the event
     */
    default void onCallMissed(PhoneEvent.CallMissed event) {
    }

    /**
     * A party of the call was put on hold.
     *
     * @param event the event
     */
    default void onCallHeld(PhoneEvent.CallHeld event) {
    }

    /**
     * A held party was taken off hold.
     *
     * @param event the event
     */
    default void onCallResumed(PhoneEvent.CallResumed event) {
    }

    /**
     * The agent's microphone was muted or unmuted.
     *
     * @param event the event
     */
    default void onMuteChanged(PhoneEvent.MuteChanged event) {
    }

    /**
     * A third party was added to the call for a consultation or transfer.
     *
     * @param event the event
     */
    default void onConsultStarted(PhoneEvent.ConsultStarted event) {
    }

    /**
     * The third party is connected (for Amazon queue and agent legs: reached the transfer flow).
     *
     * @param event the event
     */
    default void onConsultConnected(PhoneEvent.ConsultConnected event) {
    }

    /**
     * All parties were joined.
     *
     * @param event the event
     */
    default void onConferenced(PhoneEvent.Conferenced event) {
    }

    /**
     * The third party was dropped and the customer kept.
     *
     * @param event the event
     */
    default void onTransferCancelled(PhoneEvent.TransferCancelled event) {
    }

    /**
     * The agent left the call so that the customer stays with the third party.
     *
     * @param event the event
     */
    default void onTransferCompleted(PhoneEvent.TransferCompleted event) {
    }

    /**
     * An arriving call was transferred to this agent by another agent.
     *
     * @param event the event
     */
    default void onTransferReceived(PhoneEvent.TransferReceived event) {
    }

    /**
     * The agent's part of the call ended.
     *
     * @param event the event
     */
    default void onCallEnded(PhoneEvent.CallEnded event) {
    }

    /**
     * The link to the softphone was lost (bridge page closed, one-X not running).
     *
     * @param event the event
     */
    default void onSoftphoneUnavailable(PhoneEvent.SoftphoneUnavailable event) {
    }

    /**
     * The link to the softphone is back.
     *
     * @param event the event
     */
    default void onSoftphoneAvailable(PhoneEvent.SoftphoneAvailable event) {
    }

    /**
     * The application confirmed a manual step.
     *
     * @param event the event
     */
    default void onManualStepConfirmed(PhoneEvent.ManualStepConfirmed event) {
    }
}
