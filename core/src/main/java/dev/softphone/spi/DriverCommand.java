package dev.softphone.spi;

import dev.softphone.AgentState;
import dev.softphone.Destination;
import dev.softphone.Party;

/**
 * A command core sends to a driver, after checking the phone's state. One record per vendor action.
 */
public sealed interface DriverCommand {

    /** @return a short description for messages, logs and timeouts */
    String describe();

    /** Log the agent in. */
    record Login() implements DriverCommand {
        @Override
        public String describe() {
            return "login";
        }
    }

    /** Log the agent out (Amazon: an offline state first, then logout). */
    record Logout() implements DriverCommand {
        @Override
        public String describe() {
            return "logout";
        }
    }

    /**
     * Change the agent's state.
     *
     * @param target       the state to take ({@code READY} or {@code NOT_READY})
     * @param whenCallsEnd true to queue it until the calls end (Amazon {@code enqueueNextState})
     */
    record SetState(AgentState target, boolean whenCallsEnd) implements DriverCommand {
        @Override
        public String describe() {
            return "set state " + target + (whenCallsEnd ? " when the calls end" : "");
        }
    }

    /**
     * Leave after-call work for a call whose agent part ended (Amazon {@code contact.clear}).
     *
     * @param callId the ended call
     */
    record ClearCall(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "clear call " + callId;
        }
    }

    /**
     * Place an outbound call.
     *
     * @param destination whom to call
     */
    record Dial(Destination destination) implements DriverCommand {
        @Override
        public String describe() {
            return "dial " + destination.describe();
        }
    }

    /**
     * Answer a ringing call.
     *
     * @param callId the call
     */
    record Answer(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "answer " + callId;
        }
    }

    /**
     * Reject a ringing call.
     *
     * @param callId the call
     */
    record Reject(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "reject " + callId;
        }
    }

    /**
     * Hang up: the agent leaves the call (for a two-party call, the call ends).
     *
     * @param callId the call
     */
    record Hangup(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "hang up " + callId;
        }
    }

    /**
     * Hold one party.
     *
     * @param callId the call
     * @param party  who to hold
     * @param legId  the leg to hold
     */
    record Hold(String callId, Party party, String legId) implements DriverCommand {
        @Override
        public String describe() {
            return "hold " + party + " of " + callId;
        }
    }

    /**
     * Resume one party.
     *
     * @param callId the call
     * @param party  who to resume
     * @param legId  the leg to resume
     */
    record Resume(String callId, Party party, String legId) implements DriverCommand {
        @Override
        public String describe() {
            return "resume " + party + " of " + callId;
        }
    }

    /**
     * Mute or unmute the agent's microphone.
     *
     * @param muted true to mute
     */
    record SetMute(boolean muted) implements DriverCommand {
        @Override
        public String describe() {
            return muted ? "mute" : "unmute";
        }
    }

    /**
     * Send DTMF digits.
     *
     * @param callId the call
     * @param digits the digits
     */
    record SendDigits(String callId, String digits) implements DriverCommand {
        @Override
        public String describe() {
            return "send digits on " + callId;
        }
    }

    /**
     * Add a third party to a call (the customer is held): starts a consult or blind transfer.
     *
     * @param callId      the call
     * @param destination the third party
     */
    record AddParty(String callId, Destination destination) implements DriverCommand {
        @Override
        public String describe() {
            return "add " + destination.describe() + " to " + callId;
        }
    }

    /**
     * Join every party of a call.
     *
     * @param callId the call
     */
    record Conference(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "conference " + callId;
        }
    }

    /**
     * Swap between the customer and the third party.
     *
     * @param callId the call
     */
    record Swap(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "swap " + callId;
        }
    }

    /**
     * Drop one leg of a call, keeping the others (cancel a transfer: drop the third party).
     *
     * @param callId the call
     * @param legId  the leg to drop
     */
    record DropParty(String callId, String legId) implements DriverCommand {
        @Override
        public String describe() {
            return "drop leg " + legId + " of " + callId;
        }
    }

    /**
     * The agent leaves the call; the other parties stay connected (complete a transfer).
     *
     * @param callId the call
     */
    record LeaveCall(String callId) implements DriverCommand {
        @Override
        public String describe() {
            return "leave " + callId;
        }
    }
}
