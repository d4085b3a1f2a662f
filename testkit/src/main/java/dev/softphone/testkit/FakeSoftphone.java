package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.ManualInstruction;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One fake softphone: the driver of one phone and, for tests, the vendor side of it. Every change, whether a
 * command from the phone or a vendor-side action called by the test, updates an in-memory model and reports the
 * whole picture as an observation, exactly as a real plugin must.
 *
 * <p>Vendor-side methods are named after who acts: {@code agent…} (the agent clicking in the vendor's window),
 * {@code farEnd…} (the customer), {@code thirdParty…}. Thread-safe.
 */
public final class FakeSoftphone implements SoftphoneDriver {

    private final PluginContext context;
    private final Set<Capability> capabilities = Collections.synchronizedSet(EnumSet.allOf(Capability.class));
    private final List<DriverCommand> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, FakeCall> calls = new LinkedHashMap<>();
    private final List<Destination> destinations = new ArrayList<>(List.of(
            Destination.quickConnect("Billing QC"), Destination.queue("Billing"), Destination.agent("Bob")));
    private AgentState state = AgentState.LOGGED_OUT;
    private AgentState pending;
    private boolean offline;
    private String offlineName;
    private String errorName;
    private boolean afterCallWork;
    private boolean ignoreStateChanges;
    private int nextCall = 1;
    private int nextLeg = 1;
    private VendorException nextFailure;
    private Class<? extends DriverCommand> failingType;
    private VendorException failingTypeError;
    private boolean answering = true;
    private boolean acknowledging = true;
    private boolean keepCustomerHeldAfterDrop;
    /** Commands received while not answering, answered in order by {@link #resumeAnswering()}. */
    private final List<Held> held = new ArrayList<>();
    private boolean linkUp = true;
    private boolean started;
    private boolean closed;

    FakeSoftphone(PluginContext context) {
        this.context = context;
    }

    // ----- driver side -----

    @Override
    public void start() {
        synchronized (this) {
            started = true;
        }
        publish();
    }

    @Override
    public Set<Capability> capabilities() {
        synchronized (capabilities) {
            return capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities);
        }
    }

    @Override
    public String whyNot(Capability capability) {
        return "the fake softphone had " + capability + " removed by the test";
    }

    @Override
    public CompletionStage<Void> execute(DriverCommand command) {
        received.add(command);
        return carryOut(command);
    }

    /** Carries out a command as the vendor would: held, refused, or applied and acknowledged. */
    private CompletionStage<Void> carryOut(DriverCommand command) {
        synchronized (this) {
            if (!linkUp) {
                return CompletableFuture.failedFuture(
                        new SoftphoneUnavailableException("the fake softphone's link is down"));
            }
            if (!answering) {
                CompletableFuture<Void> later = new CompletableFuture<>();
                held.add(new Held(command, later));
                return later;
            }
            if (nextFailure != null) {
                VendorException failure = nextFailure;
                nextFailure = null;
                return CompletableFuture.failedFuture(failure);
            }
            if (failingType != null && failingType.isInstance(command)) {
                VendorException failure = failingTypeError;
                failingType = null;
                return CompletableFuture.failedFuture(failure);
            }
            try {
                apply(command);
            } catch (VendorException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        publish();
        synchronized (this) {
            return acknowledging ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }
    }

    @Override
    public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
        return new ManualInstruction("fake." + capability.name().toLowerCase(java.util.Locale.ROOT),
                "In the softphone window: " + command.describe(), Map.of("command", command.describe()));
    }

    @Override
    public CompletionStage<List<Destination>> transferDestinations() {
        synchronized (this) {
            return CompletableFuture.completedFuture(List.copyOf(destinations));
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    private void apply(DriverCommand command) {
        if (command instanceof DriverCommand.Login) {
            state = AgentState.READY;
            offline = false;
        } else if (command instanceof DriverCommand.Logout) {
            endSession();
        } else if (command instanceof DriverCommand.SetState s) {
            if (ignoreStateChanges) {
                return;
            }
            errorName = null;
            if (s.whenCallsEnd() && (!calls.isEmpty() || state.isAfterCallWork())) {
                pending = s.target();
            } else {
                state = s.target();
                pending = null;
            }
        } else if (command instanceof DriverCommand.ClearCall c) {
            calls.remove(c.callId());
            if (state.isAfterCallWork()) {
                leaveAfterCallWork();
            }
            afterCalls();
        } else if (command instanceof DriverCommand.Dial d) {
            FakeCall call = newCall(Direction.OUTBOUND, number(d.destination()), null, null);
            call.status = CallStatus.RINGING;
            call.legs.put(call.agentLeg, leg(call.agentLeg, LegRole.AGENT, LegState.CONNECTED, null));
            call.legs.put(call.customerLeg, leg(call.customerLeg, LegRole.CUSTOMER, LegState.CONNECTING,
                    Target.phoneNumber(call.remote)));
        } else if (command instanceof DriverCommand.Answer a) {
            FakeCall call = call(a.callId());
            call.status = CallStatus.CONNECTED;
            call.setLeg(call.agentLeg, LegState.CONNECTED);
        } else if (command instanceof DriverCommand.Reject r) {
            miss(call(r.callId()));
        } else if (command instanceof DriverCommand.Hangup h) {
            end(call(h.callId()));
        } else if (command instanceof DriverCommand.Hold h) {
            call(h.callId()).setLeg(h.legId(), LegState.HELD);
        } else if (command instanceof DriverCommand.Resume r) {
            call(r.callId()).setLeg(r.legId(), LegState.CONNECTED);
        } else if (command instanceof DriverCommand.SetMute m) {
            context.signal(new Signal.MuteToggled(m.muted()));
        } else if (command instanceof DriverCommand.SendDigits) {
            return;
        } else if (command instanceof DriverCommand.AddParty a) {
            addThirdParty(call(a.callId()), target(a.destination()));
        } else if (command instanceof DriverCommand.Conference c) {
            FakeCall call = call(c.callId());
            call.legs.replaceAll((id, l) -> l.role() == LegRole.AGENT || !l.isActive() ? l
                    : l.withState(LegState.CONNECTED));
        } else if (command instanceof DriverCommand.Swap s) {
            FakeCall call = call(s.callId());
            call.legs.replaceAll((id, l) -> l.role() == LegRole.CUSTOMER || l.role() == LegRole.THIRD_PARTY
                    ? l.withState(l.state() == LegState.HELD ? LegState.CONNECTED : LegState.HELD) : l);
        } else if (command instanceof DriverCommand.DropParty d) {
            FakeCall call = call(d.callId());
            call.legs.remove(d.legId());
            if (!keepCustomerHeldAfterDrop) {
                call.setLeg(call.customerLeg, LegState.CONNECTED);
            }
        } else if (command instanceof DriverCommand.LeaveCall l) {
            end(call(l.callId()));
        } else {
            throw new IllegalStateException("unhandled command " + command);
        }
    }

    // ----- vendor side: the test's remote control -----

    /**
     * The agent logs in in the vendor window.
     *
     * @param initial the state after login
     */
    public void agentLogsIn(AgentState initial) {
        synchronized (this) {
            state = initial;
            offline = false;
            errorName = null;
        }
        publish();
    }

    /** The agent logs out in the vendor window (the vendor's session ends). */
    public void agentLogsOut() {
        synchronized (this) {
            endSession();
        }
        context.signal(new Signal.SessionTerminated());
    }

    /**
     * The vendor session's credentials stop being valid (Amazon {@code auth_fail}): the session is gone.
     *
     * @param message the vendor's words
     */
    public void authenticationFails(String message) {
        synchronized (this) {
            endSession();
        }
        context.signal(new Signal.AuthFailed(message));
    }

    /**
     * The agent changes state in the vendor window (or the vendor does it by itself).
     *
     * @param newState the new state
     */
    public void agentSetsState(AgentState newState) {
        synchronized (this) {
            state = newState;
            offline = false;
            errorName = null;
        }
        publish();
    }

    /**
     * The agent picks the vendor's offline state (Amazon: a state of type {@code offline}); the observation carries
     * the offline flag, and core decides whether that is a logout.
     *
     * @param vendorName the offline state's name, for example {@code Offline}
     */
    public void agentGoesOffline(String vendorName) {
        synchronized (this) {
            state = AgentState.LOGGED_OUT;
            pending = null;
            offline = true;
            offlineName = vendorName;
            errorName = null;
        }
        publish();
    }

    /**
     * The vendor puts the agent in an error state (Amazon {@code MissedCallAgent}): not routable, with the error's
     * name as the reason, until the agent picks a state.
     *
     * @param name the vendor's error state name
     */
    public void vendorErrorState(String name) {
        synchronized (this) {
            state = AgentState.notReady(dev.softphone.PauseReason.custom(name));
            errorName = name;
        }
        publish();
    }

    /**
     * The vendor queues a next state by itself, or the agent does in the vendor window (Amazon {@code nextState}).
     *
     * @param next the state to apply when the calls end
     */
    public void vendorSetsPending(AgentState next) {
        vendor(() -> pending = next);
    }

    /** The vendor drops the queued next state without applying it. */
    public void vendorClearsPending() {
        vendor(() -> pending = null);
    }

    /**
     * After-call work on or off (default off). When on, the agent goes to {@code NOT_READY(AFTER_CALL_WORK)} when the
     * last call ends, and a pending state waits until after-call work ends ({@link #afterCallWorkEnds()} or a
     * {@code ClearCall} command).
     *
     * @param enabled true to put the agent in after-call work after calls
     * @return this softphone
     */
    public synchronized FakeSoftphone afterCallWork(boolean enabled) {
        afterCallWork = enabled;
        return this;
    }

    /** After-call work ends (timed wrap-up, or the agent clicks Close contact): the pending state, else Available. */
    public void afterCallWorkEnds() {
        vendor(this::leaveAfterCallWork);
    }

    /**
     * An outbound call fails before anyone answers, and the vendor snaps the agent back to {@code READY} (what
     * Amazon Connect does after a failed outbound call, whatever state the agent was in).
     *
     * @param callId the call
     */
    public void outboundCallFails(String callId) {
        vendor(() -> {
            calls.remove(call(callId).id);
            state = AgentState.READY;
        });
    }

    /**
     * From now on state changes are acknowledged but never applied (a vendor that says yes and does nothing), or
     * applied again.
     *
     * @param ignore true to ignore state changes
     * @return this softphone
     */
    public synchronized FakeSoftphone ignoreStateChanges(boolean ignore) {
        ignoreStateChanges = ignore;
        return this;
    }

    /** @return the state queued until the calls end in the fake vendor, or null */
    public synchronized AgentState pending() {
        return pending;
    }

    /**
     * A call arrives and rings.
     *
     * @param number the caller's number
     * @param queue  the queue
     * @return the call id
     */
    public String incomingCall(String number, String queue) {
        return arrive(number, queue, null);
    }

    /**
     * A call that another agent transferred arrives and rings.
     *
     * @param number       the customer's number
     * @param fromCallId   the call it was transferred from
     * @return the call id
     */
    public String transferredCallArrives(String number, String fromCallId) {
        return arrive(number, null, fromCallId);
    }

    private String arrive(String number, String queue, String fromCallId) {
        String id;
        synchronized (this) {
            FakeCall call = newCall(Direction.INBOUND, number, queue, fromCallId);
            call.status = CallStatus.RINGING;
            call.legs.put(call.agentLeg, leg(call.agentLeg, LegRole.AGENT, LegState.CONNECTING, null));
            call.legs.put(call.customerLeg, leg(call.customerLeg, LegRole.CUSTOMER, LegState.CONNECTED,
                    Target.phoneNumber(number)));
            id = call.id;
        }
        publish();
        return id;
    }

    /**
     * The agent answers in the vendor window.
     *
     * @param callId the call
     */
    public void agentAnswers(String callId) {
        vendor(() -> apply(new DriverCommand.Answer(callId)));
    }

    /**
     * The far end answers an outbound call.
     *
     * @param callId the call
     */
    public void farEndAnswers(String callId) {
        vendor(() -> {
            FakeCall call = call(callId);
            call.status = CallStatus.CONNECTED;
            call.setLeg(call.customerLeg, LegState.CONNECTED);
        });
    }

    /**
     * The customer hangs up: the call ends for the agent. The softphone first shows the customer's leg disconnected,
     * then the call gone (so core can tell who left first). During a consultation only the customer's leg goes.
     *
     * @param callId the call
     */
    public void farEndHangsUp(String callId) {
        boolean alone;
        synchronized (this) {
            alone = !call(callId).thirdPartyActive();
        }
        vendor(() -> {
            FakeCall call = call(callId);
            if (alone) {
                call.setLeg(call.customerLeg, LegState.DISCONNECTED);
            } else {
                call.legs.remove(call.customerLeg);
            }
        });
        if (alone) {
            vendor(() -> end(call(callId)));
        }
    }

    /**
     * A ringing call stops ringing unanswered: the softphone shows it missed, then drops it.
     *
     * @param callId the call
     */
    public void ringingStops(String callId) {
        vendor(() -> call(callId).status = CallStatus.MISSED);
        vendor(() -> miss(call(callId)));
    }

    /**
     * The agent holds the customer in the vendor window.
     *
     * @param callId the call
     */
    public void agentHolds(String callId) {
        vendor(() -> call(callId).setLeg(call(callId).customerLeg, LegState.HELD));
    }

    /**
     * The agent resumes the customer in the vendor window.
     *
     * @param callId the call
     */
    public void agentResumes(String callId) {
        vendor(() -> call(callId).setLeg(call(callId).customerLeg, LegState.CONNECTED));
    }

    /**
     * The agent hangs up (or leaves) in the vendor window. The softphone first shows the agent's leg disconnected,
     * then the call gone; a third party on the call stays with the customer (a transfer done by hand).
     *
     * @param callId the call
     */
    public void agentHangsUp(String callId) {
        vendor(() -> {
            FakeCall call = call(callId);
            call.setLeg(call.agentLeg, LegState.DISCONNECTED);
        });
        vendor(() -> end(call(callId)));
    }

    /**
     * The agent joins customer and third party in the vendor window.
     *
     * @param callId the call
     */
    public void agentConferences(String callId) {
        vendor(() -> apply(new DriverCommand.Conference(callId)));
    }

    /**
     * The agent swaps between customer and third party in the vendor window.
     *
     * @param callId the call
     */
    public void agentSwaps(String callId) {
        vendor(() -> apply(new DriverCommand.Swap(callId)));
    }

    /**
     * Makes dropping a third party leave the customer on hold, as Amazon Connect does (the default fake resumes the
     * customer by itself).
     *
     * @param keep true to keep the customer held after a drop
     * @return this softphone
     */
    public synchronized FakeSoftphone keepCustomerHeldAfterDrop(boolean keep) {
        keepCustomerHeldAfterDrop = keep;
        return this;
    }

    /**
     * The agent starts a transfer in the vendor window: a third party is added and the customer held.
     *
     * @param callId the call
     * @param target who is added
     */
    public void agentStartsTransfer(String callId, Target target) {
        vendor(() -> addThirdParty(call(callId), target));
    }

    /**
     * The third party answers.
     *
     * @param callId the call
     */
    public void thirdPartyAnswers(String callId) {
        vendor(() -> {
            FakeCall call = call(callId);
            call.thirdParty().ifPresent(l -> call.setLeg(l.legId(), LegState.CONNECTED));
        });
    }

    /**
     * The third party hangs up.
     *
     * @param callId the call
     */
    public void thirdPartyHangsUp(String callId) {
        vendor(() -> {
            FakeCall call = call(callId);
            call.thirdParty().ifPresent(l -> call.legs.remove(l.legId()));
        });
    }

    /**
     * Removes a capability, so the phone answers that verb with a manual instruction.
     *
     * @param capability the capability to remove
     * @return this softphone
     */
    public FakeSoftphone removeCapability(Capability capability) {
        capabilities.remove(capability);
        return this;
    }

    /**
     * Restores a removed capability.
     *
     * @param capability the capability
     * @return this softphone
     */
    public FakeSoftphone restoreCapability(Capability capability) {
        capabilities.add(capability);
        return this;
    }

    /**
     * Makes the next command fail as the vendor would.
     *
     * @param code    the vendor's error type
     * @param message the vendor's message
     */
    public synchronized void failNextCommand(String code, String message) {
        nextFailure = new VendorException(code, message);
    }

    /**
     * Makes the next command of one type fail as the vendor would (for the second step of a two-step verb).
     *
     * @param type    the command type, e.g. {@code DriverCommand.LeaveCall.class}
     * @param code    the vendor's error type
     * @param message the vendor's message
     */
    public synchronized void failNextCommandOfType(Class<? extends DriverCommand> type, String code, String message) {
        failingType = type;
        failingTypeError = new VendorException(code, message);
    }

    /** From now on commands are received but not acknowledged until {@link #resumeAnswering()} (a hung vendor). */
    public synchronized void stopAnswering() {
        answering = false;
    }

    /**
     * Commands are acknowledged again; the ones received while not answering are carried out and answered first, in
     * order.
     */
    public void resumeAnswering() {
        List<Held> due;
        synchronized (this) {
            answering = true;
            acknowledging = true;
            due = List.copyOf(held);
            held.clear();
        }
        for (Held h : due) {
            carryOut(h.command()).whenComplete((ok, err) -> {
                if (err != null) {
                    h.answer().completeExceptionally(err);
                } else {
                    h.answer().complete(null);
                }
            });
        }
    }

    /** From now on commands are carried out (and observed) but their acknowledgement never comes. */
    public synchronized void stopAcknowledging() {
        acknowledging = false;
    }

    /**
     * The link to the vendor is lost.
     *
     * @param reason why
     */
    public void linkLost(String reason) {
        List<Held> lost;
        synchronized (this) {
            linkUp = false;
            lost = List.copyOf(held);
            held.clear();
        }
        context.signal(new Signal.LinkLost(reason));
        for (Held h : lost) {
            h.answer().completeExceptionally(new SoftphoneUnavailableException("the fake softphone's link was lost "
                    + "before it answered " + h.command().describe() + ": " + reason));
        }
    }

    /**
     * The link is back; the full picture follows.
     *
     * @param reason why
     */
    public void linkRestored(String reason) {
        synchronized (this) {
            linkUp = true;
        }
        context.signal(new Signal.LinkRestored(reason));
        publish();
    }

    /** Sends the current picture again (a duplicate observation). */
    public void republish() {
        publish();
    }

    /** @return every command received, in order */
    public List<DriverCommand> commands() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** @return true once the phone closed this driver */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** @return the agent's state in the fake vendor */
    public synchronized AgentState state() {
        return state;
    }

    // ----- model -----

    private void vendor(Runnable change) {
        synchronized (this) {
            change.run();
        }
        publish();
    }

    private void publish() {
        Observation observation;
        synchronized (this) {
            if (!started || closed || !linkUp) {
                return;
            }
            List<ObservedCall> list = new ArrayList<>();
            for (FakeCall c : calls.values()) {
                list.add(new ObservedCall(c.id, c.id, c.direction, c.status, c.remote, c.queue,
                        c.transferredFrom, List.copyOf(c.legs.values())));
            }
            // Offline is a logged-out vendor state: any state the agent takes afterwards ends it.
            offline &= !state.isLoggedIn();
            observation = new Observation(new ObservedAgent(state, pending,
                    offline ? offlineName : state.toString(), errorName, offline), list);
        }
        context.observe(observation);
    }

    private FakeCall newCall(Direction direction, String remote, String queue, String transferredFrom) {
        FakeCall call = new FakeCall("fake-call-" + nextCall++, direction, remote, queue, transferredFrom,
                "leg-" + nextLeg++, "leg-" + nextLeg++);
        calls.put(call.id, call);
        return call;
    }

    private void addThirdParty(FakeCall call, Target target) {
        String id = "leg-" + nextLeg++;
        call.setLeg(call.customerLeg, LegState.HELD);
        call.legs.put(id, leg(id, LegRole.THIRD_PARTY, LegState.CONNECTING, target));
    }

    private void end(FakeCall call) {
        calls.remove(call.id);
        if (afterCallWork && calls.isEmpty() && state.isLoggedIn() && call.status == CallStatus.CONNECTED) {
            state = AgentState.notReady(dev.softphone.PauseReason.AFTER_CALL_WORK);
            return;
        }
        afterCalls();
    }

    private void endSession() {
        state = AgentState.LOGGED_OUT;
        pending = null;
        offline = false;
        errorName = null;
    }

    private void leaveAfterCallWork() {
        if (state.isAfterCallWork()) {
            state = pending != null ? pending : AgentState.READY;
            pending = null;
        }
    }

    private void miss(FakeCall call) {
        calls.remove(call.id);
    }

    private void afterCalls() {
        if (pending != null && calls.isEmpty()) {
            state = pending;
            pending = null;
        }
    }

    private FakeCall call(String callId) {
        FakeCall call = calls.get(callId);
        if (call == null) {
            throw new VendorException("NoSuchCall", "the fake softphone has no call " + callId);
        }
        return call;
    }

    private static Leg leg(String id, LegRole role, LegState state, Target endpoint) {
        return new Leg(id, role, state, endpoint, false);
    }

    private static String number(Destination d) {
        return d instanceof Destination.PhoneNumber p ? p.number() : d.describe();
    }

    private static Target target(Destination d) {
        if (d instanceof Destination.PhoneNumber p) {
            return Target.phoneNumber(p.number());
        } else if (d instanceof Destination.Queue q) {
            return new Target(TargetKind.QUEUE, q.name(), null, false);
        } else if (d instanceof Destination.Agent a) {
            return new Target(TargetKind.AGENT, a.name(), null, false);
        }
        return new Target(TargetKind.QUEUE, ((Destination.QuickConnect) d).name(), null, true);
    }

    /** A command received while the fake was not answering, and the answer it is owed. */
    private record Held(DriverCommand command, CompletableFuture<Void> answer) {
    }

    private static final class FakeCall {
        final String id;
        final Direction direction;
        final String remote;
        final String queue;
        final String transferredFrom;
        final String agentLeg;
        final String customerLeg;
        final Map<String, Leg> legs = new LinkedHashMap<>();
        CallStatus status;

        FakeCall(String id, Direction direction, String remote, String queue, String transferredFrom,
                 String agentLeg, String customerLeg) {
            this.id = id;
            this.direction = direction;
            this.remote = remote;
            this.queue = queue;
            this.transferredFrom = transferredFrom;
            this.agentLeg = agentLeg;
            this.customerLeg = customerLeg;
        }

        void setLeg(String legId, LegState state) {
            legs.computeIfPresent(legId, (k, l) -> l.withState(state));
        }

        java.util.Optional<Leg> thirdParty() {
            return legs.values().stream().filter(l -> l.role() == LegRole.THIRD_PARTY).findFirst();
        }

        boolean thirdPartyActive() {
            return thirdParty().isPresent();
        }
    }
}
