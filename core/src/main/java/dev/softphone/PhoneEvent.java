package dev.softphone;

import java.time.Instant;
import java.util.Objects;

/**
 * Something that happened to the agent or a call, normalized across softphones (DESIGN §5).
 *
 * <p>Events of one {@link Phone} are numbered from 1 ({@link #seq()}) and delivered one at a time, in order.
 * {@link #origin()} says whether the event answers a command of this phone ({@link Origin#APPLICATION}) or
 * something the agent, the far end or the contact center did ({@link Origin#SOFTPHONE}). The JSON form is produced
 * by {@link PhoneEventJson}.
 */
public sealed interface PhoneEvent {

    /**
     * The fields every event has.
     *
     * @param seq    position in this phone's event stream, from 1
     * @param at     when the SDK observed it
     * @param origin who caused it
     */
    record Meta(long seq, Instant at, Origin origin) {
        /** Validates the components. */
        public Meta {
            if (seq < 1) {
                throw new IllegalArgumentException("seq starts at 1, got " + seq);
            }
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(origin, "origin");
        }
    }

    /** @return the common fields */
    Meta meta();

    /** @return position in this phone's event stream, from 1 */
    default long seq() {
        return meta().seq();
    }

    /** @return when the SDK observed the event */
    default Instant at() {
        return meta().at();
    }

    /** @return who caused the event */
    default Origin origin() {
        return meta().origin();
    }

    /** @return the normative type name: the record's simple name */
    default String type() {
        return getClass().getSimpleName();
    }

    /** An event about one call. */
    sealed interface CallEvent extends PhoneEvent {
        /** @return the call's id */
        String callId();
    }

    /**
     * The agent's session with the softphone started.
     *
     * @param meta  the common fields
     * @param state  the state right after login
     */
    record AgentLoggedIn(Meta meta, AgentState state) implements PhoneEvent {
        /** Validates the components. */
        public AgentLoggedIn {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * The agent's state changed, or a change became pending until the calls end.
     *
     * @param meta  the common fields
     * @param from  the state before
     * @param to  the new (or pending) state
     * @param pending  true when {@code to} became the pending state rather than the current one
     */
    record AgentStateChanged(Meta meta, AgentState from, AgentState to, boolean pending) implements PhoneEvent {
        /** Validates the components. */
        public AgentStateChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /**
     * The agent's session ended.
     *
     * @param meta  the common fields
     * @param cause  why it ended
     */
    record AgentLoggedOut(Meta meta, LogoutCause cause) implements PhoneEvent {
        /** Validates the components. */
        public AgentLoggedOut {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * The softphone put the agent in a vendor error state (for example Amazon's {@code MissedCallAgent}).
     *
     * @param meta  the common fields
     * @param name  the vendor's error state name
     */
    record AgentError(Meta meta, String name) implements PhoneEvent {
        /** Validates the components. */
        public AgentError {
            Objects.requireNonNull(meta, "meta");
        }
    }

    /**
     * Under {@link DesiredStatePolicy#ENFORCE_APPLICATION}, the SDK stopped re-applying the application's state: the
     * softphone kept drifting away from it (more re-applies within a minute than allowed) or a re-apply failed. The
     * SDK follows the softphone again until the application asks for a state.
     *
     * @param meta     the common fields
     * @param desired  the state the application asked for
     * @param actual   the state the softphone shows instead (its pending state when one is queued)
     * @param reason   why the SDK gave up, in words
     */
    record AgentStateEnforcementStopped(Meta meta, AgentState desired, AgentState actual, String reason)
            implements PhoneEvent {
        /** Validates the components. */
        public AgentStateEnforcementStopped {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(actual, "actual");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * A call appeared: ringing for the agent, or dialing out.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param direction  inbound or outbound
     * @param remote  the customer's number, or null
     * @param queue  the queue, or null
     */
    record CallOffered(Meta meta, String callId, Direction direction, String remote, String queue) implements CallEvent {
        /** Validates the components. */
        public CallOffered {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The agent is connected to the call.
     *
     * @param meta  the common fields
     * @param callId  the call
     */
    record CallConnected(Meta meta, String callId) implements CallEvent {
        /** Validates the components. */
        public CallConnected {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * A call was offered and never answered.
     *
     * @param meta  the common fields
     * @param callId  the call
     */
    record CallMissed(Meta meta, String callId) implements CallEvent {
        /** Validates the components. */
        public CallMissed {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * A party of the call was put on hold.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param party  who is held
     */
    record CallHeld(Meta meta, String callId, Party party) implements CallEvent {
        /** Validates the components. */
        public CallHeld {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * A held party was taken off hold.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param party  who was resumed
     */
    record CallResumed(Meta meta, String callId, Party party) implements CallEvent {
        /** Validates the components. */
        public CallResumed {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(party, "party");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The agent's microphone was muted or unmuted.
     *
     * @param meta  the common fields
     * @param muted  true when muted now
     */
    record MuteChanged(Meta meta, boolean muted) implements PhoneEvent {
        /** Validates the components. */
        public MuteChanged {
            Objects.requireNonNull(meta, "meta");
        }
    }

    /**
     * A third party was added to the call for a consultation or transfer.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param target  who was added
     */
    record ConsultStarted(Meta meta, String callId, Target target) implements CallEvent {
        /** Validates the components. */
        public ConsultStarted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The third party is connected (for Amazon queue and agent legs: reached the transfer flow).
     *
     * @param meta  the common fields
     * @param callId  the call
     */
    record ConsultConnected(Meta meta, String callId) implements CallEvent {
        /** Validates the components. */
        public ConsultConnected {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * All parties were joined.
     *
     * @param meta  the common fields
     * @param callId  the call
     */
    record Conferenced(Meta meta, String callId) implements CallEvent {
        /** Validates the components. */
        public Conferenced {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The third party was dropped and the customer kept.
     *
     * @param meta  the common fields
     * @param callId  the call
     */
    record TransferCancelled(Meta meta, String callId) implements CallEvent {
        /** Validates the components. */
        public TransferCancelled {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The agent left the call so that the customer stays with the third party.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param mode  how the transfer happened
     * @param target  who took the call
     */
    record TransferCompleted(Meta meta, String callId, TransferMode mode, Target target) implements CallEvent {
        /** Validates the components. */
        public TransferCompleted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * An arriving call was transferred to this agent by another agent. The phone looks up the call context the first
     * agent saved before it delivers this event (bounded by {@link PhoneBuilder#contextTimeout}); see
     * {@code docs/call-context.md}.
     *
     * @param meta  the common fields
     * @param callId  the arriving call
     * @param fromCallId  the call it was transferred from (the transfer chain's first call)
     * @param context  the call context handed off with the call: available, none saved, or unavailable
     */
    record TransferReceived(Meta meta, String callId, String fromCallId, ContextHandoff context) implements CallEvent {
        /** Validates the components. */
        public TransferReceived {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(callId, "callId");
            context = context == null ? ContextHandoff.none(null) : context;
        }

        /**
         * An event whose context is not looked up yet; the phone fills it in before delivery.
         *
         * @param meta  the common fields
         * @param callId  the arriving call
         * @param fromCallId  the call it was transferred from
         */
        public TransferReceived(Meta meta, String callId, String fromCallId) {
            this(meta, callId, fromCallId, ContextHandoff.none(null));
        }

        /**
         * @param handoff the looked-up context
         * @return this event with it
         */
        public TransferReceived withContext(ContextHandoff handoff) {
            return new TransferReceived(meta, callId, fromCallId, handoff);
        }
    }

    /**
     * The agent's part of the call ended.
     *
     * @param meta  the common fields
     * @param callId  the call
     * @param endedBy  who ended it
     */
    record CallEnded(Meta meta, String callId, EndedBy endedBy) implements CallEvent {
        /** Validates the components. */
        public CallEnded {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(endedBy, "endedBy");
            Objects.requireNonNull(callId, "callId");
        }
    }

    /**
     * The link to the softphone was lost (bridge page closed, one-X not running).
     *
     * @param meta  the common fields
     * @param reason  what happened
     */
    record SoftphoneUnavailable(Meta meta, String reason) implements PhoneEvent {
        /** Validates the components. */
        public SoftphoneUnavailable {
            Objects.requireNonNull(meta, "meta");
        }
    }

    /**
     * The link to the softphone is back.
     *
     * @param meta  the common fields
     * @param reason  what happened
     */
    record SoftphoneAvailable(Meta meta, String reason) implements PhoneEvent {
        /** Validates the components. */
        public SoftphoneAvailable {
            Objects.requireNonNull(meta, "meta");
        }
    }

    /**
     * The application confirmed that the agent did a manual step by hand (see {@link Phone#confirmManualStep}).
     *
     * @param meta       the common fields
     * @param stepId     the confirmed step's id
     * @param capability what the step did
     * @param callId     the call it was about, or null
     */
    record ManualStepConfirmed(Meta meta, String stepId, Capability capability, String callId) implements PhoneEvent {
        /** Validates the components. */
        public ManualStepConfirmed {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(capability, "capability");
        }
    }
}
