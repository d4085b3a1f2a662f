package dev.softphone.internal;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.Party;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a request against the phone's current state and turns it into a driver command, or refuses it with an
 * {@link InvalidPhoneStateException} that names the state. Pure: reads a snapshot of the session, changes nothing.
 */
public final class CommandPlanner {
    private static final Pattern DIGITS = Pattern.compile("[0-9*#,A-Da-d]+");

    private final AgentState agent;
    private final List<ObservedCall> calls;

    /**
     * @param agent the agent's state now
     * @param calls the calls now
     */
    public CommandPlanner(AgentState agent, List<ObservedCall> calls) {
        this.agent = agent;
        this.calls = calls;
    }

    /** @return true when a call is ringing or connected */
    public boolean hasLiveCall() {
        return calls.stream().anyMatch(c -> c.status() == CallStatus.RINGING || c.status() == CallStatus.CONNECTED);
    }

    /**
     * @param target READY or NOT_READY
     * @return the state change, queued while a call is up
     */
    public DriverCommand setState(AgentState target) {
        requireLoggedIn("change the agent's state");
        return new DriverCommand.SetState(target, hasLiveCall());
    }

    /** @return a logout command */
    public DriverCommand logout() {
        requireLoggedIn("log out");
        return new DriverCommand.Logout();
    }

    /** @return a login command */
    public DriverCommand login() {
        if (agent.isLoggedIn()) {
            throw refused("cannot log in: the agent is already logged in");
        }
        return new DriverCommand.Login();
    }

    /**
     * @param destination whom to call
     * @return the dial
     */
    public DriverCommand dial(Destination destination) {
        requireLoggedIn("dial " + destination.describe());
        return new DriverCommand.Dial(destination);
    }

    /**
     * @param callId a call id, or null for the ringing call
     * @return the answer
     */
    public DriverCommand answer(String callId) {
        ObservedCall call = callId != null ? byId(callId, "answer")
                : single(calls.stream().filter(c -> c.status() == CallStatus.RINGING).toList(), "answer",
                        "no call is ringing");
        if (call.status() != CallStatus.RINGING) {
            throw refused("cannot answer call " + call.callId() + ": it is " + call.status() + ", not ringing");
        }
        return new DriverCommand.Answer(call.callId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the hang-up
     */
    public DriverCommand hangup(String callId) {
        ObservedCall call = live(callId, "hang up");
        return new DriverCommand.Hangup(call.callId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the hold of the customer
     */
    public DriverCommand hold(String callId) {
        ObservedCall call = connected(callId, "hold");
        Leg customer = customer(call, "hold");
        if (customer.state() == LegState.HELD) {
            throw refused("cannot hold call " + call.callId() + ": the customer is already on hold");
        }
        return new DriverCommand.Hold(call.callId(), Party.CUSTOMER, customer.legId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the resume of the customer
     */
    public DriverCommand resume(String callId) {
        ObservedCall call = callId != null ? byId(callId, "resume")
                : single(calls.stream().filter(c -> c.status() == CallStatus.CONNECTED
                        && customerHeld(c)).toList(), "resume", "no call has a customer on hold");
        Leg customer = customer(call, "resume");
        if (customer.state() != LegState.HELD) {
            throw refused("cannot resume call " + call.callId() + ": the customer is not on hold");
        }
        return new DriverCommand.Resume(call.callId(), Party.CUSTOMER, customer.legId());
    }

    /**
     * @param muted true to mute
     * @return the mute change
     */
    public DriverCommand mute(boolean muted) {
        requireLoggedIn(muted ? "mute" : "unmute");
        return new DriverCommand.SetMute(muted);
    }

    /**
     * @param callId a call id, or null for the active call
     * @param digits DTMF digits
     * @return the digits command
     */
    public DriverCommand sendDigits(String callId, String digits) {
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw new IllegalArgumentException("digits must be made of 0-9 * # , A-D, got '" + digits + "'");
        }
        ObservedCall call = connected(callId, "send digits");
        return new DriverCommand.SendDigits(call.callId(), digits);
    }

    /**
     * @param callId      a call id, or null for the active call
     * @param destination the third party
     * @return the add-party command
     */
    public DriverCommand startTransfer(String callId, Destination destination) {
        String action = "transfer to " + destination.describe();
        ObservedCall call = connected(callId, action);
        if (!thirdParties(call).isEmpty()) {
            throw refused("cannot " + action + " on call " + call.callId() + ": a third party ("
                    + describe(thirdParties(call).get(0)) + ") is already on it; cancel or complete that transfer "
                    + "first");
        }
        requireCustomerOn(call, action);
        return new DriverCommand.AddParty(call.callId(), destination);
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the conference command
     */
    public DriverCommand conference(String callId) {
        ObservedCall call = withThirdParty(callId, "conference");
        Leg customer = requireCustomerOn(call, "conference");
        if (isConferenced(call, customer)) {
            throw refused("cannot conference call " + call.callId() + ": it is already conferenced");
        }
        requireThirdPartyAnswered(call, "conference");
        return new DriverCommand.Conference(call.callId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the swap command
     */
    public DriverCommand swap(String callId) {
        ObservedCall call = withThirdParty(callId, "swap");
        Leg customer = requireCustomerOn(call, "swap");
        if (isConferenced(call, customer)) {
            throw refused("cannot swap on call " + call.callId() + ": it is conferenced, nobody is on hold to swap "
                    + "to");
        }
        requireThirdPartyAnswered(call, "swap");
        return new DriverCommand.Swap(call.callId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the drop of the third party
     */
    public DriverCommand cancelTransfer(String callId) {
        ObservedCall call = withThirdParty(callId, "cancel the transfer");
        if (findCustomer(call).isEmpty()) {
            throw refused("cannot cancel the transfer on call " + call.callId() + ": the customer has left the "
                    + "call; hang up to end it");
        }
        return new DriverCommand.DropParty(call.callId(), thirdParties(call).get(0).legId());
    }

    /**
     * The second step of a cancelled transfer: resume the customer if the softphone still shows it held.
     *
     * @param callId the call whose third party was dropped
     * @return the resume of the customer, or empty when nothing is to resume (or the call is gone)
     */
    public Optional<DriverCommand> resumeAfterCancel(String callId) {
        return calls.stream().filter(c -> c.callId().equals(callId) && c.status() == CallStatus.CONNECTED)
                .findFirst()
                .flatMap(CommandPlanner::findCustomer)
                .filter(l -> l.state() == LegState.HELD)
                .map(l -> new DriverCommand.Resume(callId, Party.CUSTOMER, l.legId()));
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the agent leaving the call
     */
    public DriverCommand completeTransfer(String callId) {
        ObservedCall call = withThirdParty(callId, "complete the transfer");
        if (findCustomer(call).isEmpty()) {
            throw refused("cannot complete the transfer on call " + call.callId() + ": the customer has left the "
                    + "call, there is nobody to hand over; hang up instead");
        }
        return new DriverCommand.LeaveCall(call.callId());
    }

    /**
     * @param callId a call id, or null for the active call
     * @return the id of the call a blind transfer acts on
     */
    public String blindTransferCall(String callId) {
        ObservedCall call = connected(callId, "transfer");
        if (!thirdParties(call).isEmpty()) {
            throw refused("cannot blind-transfer call " + call.callId() + ": a third party ("
                    + describe(thirdParties(call).get(0)) + ") is already on it; complete or cancel that transfer");
        }
        requireCustomerOn(call, "blind-transfer");
        return call.callId();
    }

    // ----- helpers -----

    private ObservedCall withThirdParty(String callId, String action) {
        ObservedCall call = connected(callId, action);
        if (thirdParties(call).isEmpty()) {
            throw refused("cannot " + action + " on call " + call.callId() + ": no third party is on the call");
        }
        return call;
    }

    private ObservedCall connected(String callId, String action) {
        ObservedCall call = callId != null ? byId(callId, action) : active(action);
        if (call.status() != CallStatus.CONNECTED) {
            throw refused("cannot " + action + " call " + call.callId() + ": it is " + call.status()
                    + ", not connected");
        }
        return call;
    }

    private ObservedCall live(String callId, String action) {
        ObservedCall call = callId != null ? byId(callId, action) : active(action);
        if (call.status() != CallStatus.CONNECTED && call.status() != CallStatus.RINGING) {
            throw refused("cannot " + action + " call " + call.callId() + ": it is " + call.status());
        }
        return call;
    }

    /** The active call: the only live call, or with several, the connected one whose customer is not held. */
    private ObservedCall active(String action) {
        // Loops, not streams: this runs on the caller's thread for every command that names no call.
        List<ObservedCall> live = new ArrayList<>(2);
        for (ObservedCall c : calls) {
            if (c.status() == CallStatus.CONNECTED || c.status() == CallStatus.RINGING) {
                live.add(c);
            }
        }
        if (live.size() > 1) {
            ObservedCall talking = null;
            int count = 0;
            for (ObservedCall c : live) {
                if (c.status() == CallStatus.CONNECTED && !customerHeld(c)) {
                    talking = c;
                    count++;
                }
            }
            if (count == 1) {
                return talking;
            }
        }
        return single(live, action, "no call is up");
    }

    private ObservedCall single(List<ObservedCall> candidates, String action, String none) {
        if (candidates.isEmpty()) {
            throw refused("cannot " + action + ": " + none);
        }
        if (candidates.size() > 1) {
            throw refused("cannot " + action + ": " + candidates.size() + " calls could be meant ("
                    + candidates.stream().map(ObservedCall::callId).collect(Collectors.joining(", "))
                    + "); name the call id");
        }
        return candidates.get(0);
    }

    private ObservedCall byId(String callId, String action) {
        return calls.stream().filter(c -> c.callId().equals(callId)).findFirst()
                .orElseThrow(() -> refused("cannot " + action + ": there is no call " + callId
                        + (calls.isEmpty() ? " (no call is up)" : " (calls: " + calls.stream()
                        .map(ObservedCall::callId).collect(Collectors.joining(", ")) + ")")));
    }

    private Leg requireCustomerOn(ObservedCall call, String action) {
        return findCustomer(call).orElseThrow(() -> refused("cannot " + action + " on call " + call.callId()
                + ": the customer is not on the call (it left, or the softphone shows no customer leg)"));
    }

    private void requireThirdPartyAnswered(ObservedCall call, String action) {
        if (thirdParties(call).stream().noneMatch(l -> l.state() == LegState.CONNECTED
                || l.state() == LegState.HELD)) {
            throw refused("cannot " + action + " on call " + call.callId() + ": the third party ("
                    + describe(thirdParties(call).get(0)) + ") is still connecting");
        }
    }

    /** Customer and a third party talking with each other: every party joined (derived from leg states). */
    private static boolean isConferenced(ObservedCall call, Leg customer) {
        return customer.state() == LegState.CONNECTED
                && thirdParties(call).stream().anyMatch(l -> l.state() == LegState.CONNECTED);
    }

    private static String describe(Leg leg) {
        return leg.endpoint() != null ? leg.endpoint().describe() : "identity hidden by the softphone";
    }

    private Leg customer(ObservedCall call, String action) {
        return findCustomer(call).orElseThrow(() -> refused("cannot " + action + " call " + call.callId()
                + ": it has no customer leg"));
    }

    private static Optional<Leg> findCustomer(ObservedCall call) {
        return call.legs().stream().filter(l -> l.role() == LegRole.CUSTOMER && l.isActive()).findFirst();
    }

    private static boolean customerHeld(ObservedCall call) {
        return findCustomer(call).map(l -> l.state() == LegState.HELD).orElse(false);
    }

    private static List<Leg> thirdParties(ObservedCall call) {
        return call.legs().stream().filter(l -> l.role() == LegRole.THIRD_PARTY && l.isActive()).toList();
    }

    private void requireLoggedIn(String action) {
        if (!agent.isLoggedIn()) {
            throw refused("cannot " + action + ": the agent is not logged in");
        }
    }

    private InvalidPhoneStateException refused(String message) {
        return new InvalidPhoneStateException(message, agent);
    }
}
