package dev.softphone.internal;

import dev.softphone.AgentState;
import dev.softphone.CallContext;
import dev.softphone.CallView;
import dev.softphone.Capability;
import dev.softphone.CapabilityCheck;
import dev.softphone.CommandResult;
import dev.softphone.CommandTimeoutException;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneClosedException;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.SoftphoneException;
import dev.softphone.internal.agent.StateRequest;
import dev.softphone.internal.context.OrderedDelivery;
import dev.softphone.internal.context.PhoneContexts;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The {@link Phone} implementation: checks requests, sends driver commands, applies timeouts, turns observations
 * into events on the phone's serial lane and hands them to listeners.
 */
public final class DefaultPhone implements Phone {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPhone.class);

    private final PhoneSettings settings;
    private final SerialLane lane;
    private final EchoMatcher echoes;
    private final PhoneSession session;
    private final List<PhoneListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<CompletableFuture<?>> inflight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final SoftphoneDriver driver;
    private final PhoneContexts contexts;
    private final OrderedDelivery delivery;

    /** Manual steps the application may still confirm, oldest first; bounded so forgotten steps cannot pile up. */
    private final java.util.Map<String, ManualStep> manualSteps = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, ManualStep> eldest) {
            return size() > MAX_MANUAL_STEPS;
        }
    };
    private long manualStepCounter;

    private record ManualStep(Capability capability, DriverCommand command) {
    }

    private static final int MAX_MANUAL_STEPS = 256;

    private volatile boolean closed;
    private volatile AgentState agentState = AgentState.LOGGED_OUT;
    private volatile AgentState pendingState;
    private volatile List<CallView> callViews = List.of();
    private volatile boolean softphoneAvailable = true;

    /**
     * Creates the phone and its driver; {@link #start()} connects it.
     *
     * @param settings validated settings
     */
    public DefaultPhone(PhoneSettings settings) {
        this.settings = settings;
        // Only the SDK's own pool lends callers' threads: an executor the application chose is where it wants phone
        // work to run (an event loop, a UI thread), so with one every task goes there.
        this.lane = new SerialLane(settings.executor(), settings.executor() == SharedExecutors.executor());
        this.echoes = new EchoMatcher(settings.matchingWindow());
        this.session = new PhoneSession(new EventStamper(settings.clock(), echoes), settings.agentOptions());
        this.listeners.addAll(settings.listeners());
        this.contexts = new PhoneContexts(settings.id(), settings.contexts().store(), settings.contexts().executor(),
                settings.scheduler(), settings.contexts().timeout(), lane);
        this.delivery = new OrderedDelivery(lane, this::deliver);
        this.driver = settings.plugin().create(new Context());
    }

    /** Starts the driver. */
    public void start() {
        driver.start();
    }

    @Override
    public String id() {
        return settings.id();
    }

    @Override
    public String pluginId() {
        return settings.plugin().id();
    }

    // ----- agent -----

    @Override
    public CompletionStage<CommandResult> login() {
        return run(Capability.LOGIN, CommandPlanner::login);
    }

    @Override
    public CompletionStage<CommandResult> logout() {
        return run(Capability.LOGOUT, CommandPlanner::logout);
    }

    @Override
    public CompletionStage<CommandResult> ready() {
        return changeState(Capability.READY, AgentState.READY);
    }

    @Override
    public CompletionStage<CommandResult> pause(PauseReason reason) {
        java.util.Objects.requireNonNull(reason, "reason");
        return changeState(Capability.PAUSE, AgentState.notReady(reason));
    }

    /** Pause and ready: the rules A13–A16 of {@code docs/agent-state.md}. */
    private CompletionStage<CommandResult> changeState(Capability capability, AgentState target) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        submit(result, () -> {
            DriverCommand.SetState command = (DriverCommand.SetState) planner().setState(target);
            if (!driver.capabilities().contains(capability)) {
                session.agent().chosenByHand(target);
                result.complete(manual(capability, command));
                return;
            }
            requireQueueable(command);
            if (session.agent().alreadyIn(target, command.whenCallsEnd())) {
                result.complete(CommandResult.done());
                return;
            }
            sendState(command, result, false);
        });
        return result;
    }

    private void requireQueueable(DriverCommand.SetState command) {
        if (command.whenCallsEnd() && !driver.capabilities().contains(Capability.PENDING_STATE)) {
            throw new InvalidPhoneStateException("cannot change to " + command.target() + " while a call is up: "
                    + "this softphone cannot queue a state until the call ends; ask again after the call",
                    session.agentState());
        }
    }

    /** Sends a state change whose future completes only once the softphone shows the state (A13). On the lane. */
    private void sendState(DriverCommand.SetState command, CompletableFuture<CommandResult> result, boolean reapply) {
        send(command, result, session.agent().request(command.target(), command.whenCallsEnd(), reapply, result));
    }

    /** A17/A18: after the agent's picture changed, re-applies the application's state if the policy says so. */
    private void enforceDesiredState() {
        List<PhoneEvent> out = new java.util.ArrayList<>();
        Set<Capability> capabilities = driver.capabilities();
        boolean live = planner().hasLiveCall();
        AgentState target = session.agent().enforce(!live || capabilities.contains(Capability.PENDING_STATE),
                settings.clock().instant(), out);
        if (target != null) {
            Capability needed = target.isRoutable() ? Capability.READY : Capability.PAUSE;
            if (!capabilities.contains(needed)) {
                session.agent().reapplyFailed(driver.whyNot(needed), out);
            } else {
                CompletableFuture<CommandResult> reapplied = new CompletableFuture<>();
                inflight.add(reapplied);
                reapplied.whenComplete((ok, err) -> {
                    inflight.remove(reapplied);
                    if (err != null && !(err instanceof PhoneClosedException)) {
                        lane.execute(() -> {
                            List<PhoneEvent> stopped = new java.util.ArrayList<>();
                            session.agent().reapplyFailed(String.valueOf(unwrap(err).getMessage()), stopped);
                            publish(stopped);
                        });
                    }
                });
                sendState(new DriverCommand.SetState(target, live), reapplied, true);
            }
        }
        publish(out);
    }

    /** Publishes events, then settles the state requests they confirmed and applies the desired-state policy. */
    private void publishAgentChange(List<PhoneEvent> events) {
        publish(events);
        session.agent().settle();
        if (!closed) {
            enforceDesiredState();
        }
    }

    @Override
    public AgentState agentState() {
        return agentState;
    }

    @Override
    public Optional<AgentState> pendingState() {
        return Optional.ofNullable(pendingState);
    }

    // ----- calls -----

    @Override
    public CompletionStage<CommandResult> dial(Destination destination) {
        java.util.Objects.requireNonNull(destination, "destination");
        return run(Capability.DIAL, p -> p.dial(destination));
    }

    @Override
    public CompletionStage<CommandResult> answer() {
        return run(Capability.ANSWER, p -> p.answer(null));
    }

    @Override
    public CompletionStage<CommandResult> answer(String callId) {
        return run(Capability.ANSWER, p -> p.answer(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> hangup() {
        return run(Capability.HANGUP, p -> p.hangup(null));
    }

    @Override
    public CompletionStage<CommandResult> hangup(String callId) {
        return run(Capability.HANGUP, p -> p.hangup(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> hold() {
        return run(Capability.HOLD, p -> p.hold(null));
    }

    @Override
    public CompletionStage<CommandResult> hold(String callId) {
        return run(Capability.HOLD, p -> p.hold(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> resume() {
        return run(Capability.HOLD, p -> p.resume(null));
    }

    @Override
    public CompletionStage<CommandResult> resume(String callId) {
        return run(Capability.HOLD, p -> p.resume(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> mute() {
        return run(Capability.MUTE, p -> p.mute(true));
    }

    @Override
    public CompletionStage<CommandResult> unmute() {
        return run(Capability.MUTE, p -> p.mute(false));
    }

    @Override
    public CompletionStage<CommandResult> sendDigits(String digits) {
        return run(Capability.SEND_DIGITS, p -> p.sendDigits(null, digits));
    }

    @Override
    public CompletionStage<CommandResult> sendDigits(String callId, String digits) {
        return run(Capability.SEND_DIGITS, p -> p.sendDigits(requireId(callId), digits));
    }

    // ----- transfers -----

    @Override
    public CompletionStage<CommandResult> startTransfer(Destination destination) {
        java.util.Objects.requireNonNull(destination, "destination");
        return run(Capability.CONSULT_TRANSFER, p -> p.startTransfer(null, destination));
    }

    @Override
    public CompletionStage<CommandResult> startTransfer(String callId, Destination destination) {
        java.util.Objects.requireNonNull(destination, "destination");
        return run(Capability.CONSULT_TRANSFER, p -> p.startTransfer(requireId(callId), destination));
    }

    @Override
    public CompletionStage<CommandResult> conference() {
        return run(Capability.CONFERENCE, p -> p.conference(null));
    }

    @Override
    public CompletionStage<CommandResult> conference(String callId) {
        return run(Capability.CONFERENCE, p -> p.conference(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> swap() {
        return run(Capability.SWAP, p -> p.swap(null));
    }

    @Override
    public CompletionStage<CommandResult> swap(String callId) {
        return run(Capability.SWAP, p -> p.swap(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> cancelTransfer() {
        return cancel(null);
    }

    @Override
    public CompletionStage<CommandResult> cancelTransfer(String callId) {
        return cancel(requireId(callId));
    }

    /**
     * Drops the third party; once the softphone acknowledged, takes the customer off hold if it still shows held
     * (some vendors resume the customer by themselves, others, like Amazon Connect, keep it held).
     */
    private CompletionStage<CommandResult> cancel(String callId) {
        return firstThen(Capability.CANCEL_TRANSFER, p -> p.cancelTransfer(callId), (drop, result) -> {
            Optional<DriverCommand> resume = planner().resumeAfterCancel(EchoTable.callIdOf(drop));
            if (resume.isEmpty()) {
                result.complete(CommandResult.done());
            } else if (!driver.capabilities().contains(Capability.HOLD)) {
                result.complete(manual(Capability.HOLD, resume.get()));
            } else {
                send(resume.get(), result);
            }
        });
    }

    @Override
    public CompletionStage<CommandResult> completeTransfer() {
        return run(Capability.COMPLETE_TRANSFER, p -> p.completeTransfer(null));
    }

    @Override
    public CompletionStage<CommandResult> completeTransfer(String callId) {
        return run(Capability.COMPLETE_TRANSFER, p -> p.completeTransfer(requireId(callId)));
    }

    @Override
    public CompletionStage<CommandResult> blindTransfer(Destination destination) {
        return blind(null, destination);
    }

    @Override
    public CompletionStage<CommandResult> blindTransfer(String callId, Destination destination) {
        return blind(requireId(callId), destination);
    }

    /** Adds the party, and once the softphone acknowledged the add, leaves the call. */
    private CompletionStage<CommandResult> blind(String callId, Destination destination) {
        java.util.Objects.requireNonNull(destination, "destination");
        return firstThen(Capability.BLIND_TRANSFER,
                p -> new DriverCommand.AddParty(p.blindTransferCall(callId), destination), (add, result) -> {
                    String target = EchoTable.callIdOf(add);
                    // Tells the call rules that the agent's leaving is this phone's blind transfer (T11).
                    session.blindTransferRequested(target,
                            settings.clock().instant().plus(settings.matchingWindow()));
                    CompletableFuture<CommandResult> left = new CompletableFuture<>();
                    left.whenComplete((done, failure) -> lane.execute(() -> {
                        if (failure != null) {
                            session.blindTransferAbandoned(target);
                            result.completeExceptionally(unwrap(failure));
                        } else {
                            result.complete(done);
                        }
                    }));
                    send(new DriverCommand.LeaveCall(target), left);
                });
    }

    /**
     * A verb made of two driver commands: plans and sends the first (or answers the manual instruction when the
     * softphone cannot do it); once the softphone acknowledged it, {@code second} continues on the lane and completes
     * the result. A failure of the first step fails the result.
     */
    private CompletionStage<CommandResult> firstThen(Capability capability,
                                                     Function<CommandPlanner, DriverCommand> plan,
                                                     java.util.function.BiConsumer<DriverCommand,
                                                             CompletableFuture<CommandResult>> second) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        submit(result, () -> {
            DriverCommand first = plan.apply(planner());
            if (!driver.capabilities().contains(capability)) {
                result.complete(manual(capability, first));
                return;
            }
            CompletableFuture<CommandResult> acknowledged = new CompletableFuture<>();
            send(first, acknowledged);
            acknowledged.whenComplete((ok, err) -> lane.execute(() -> {
                if (err != null) {
                    result.completeExceptionally(unwrap(err));
                } else {
                    try {
                        second.accept(first, result);
                    } catch (RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                }
            }));
        });
        return result;
    }

    @Override
    public CompletionStage<CommandResult> startTransfer(Destination destination, CallContext context) {
        java.util.Objects.requireNonNull(destination, "destination");
        return transferWithContext(null, context, p -> EchoTable.callIdOf(p.startTransfer(null, destination)),
                id -> startTransfer(id, destination));
    }

    @Override
    public CompletionStage<CommandResult> startTransfer(String callId, Destination destination,
                                                        CallContext context) {
        java.util.Objects.requireNonNull(destination, "destination");
        String id = requireId(callId);
        return transferWithContext(id, context, p -> EchoTable.callIdOf(p.startTransfer(id, destination)),
                target -> startTransfer(target, destination));
    }

    @Override
    public CompletionStage<CommandResult> blindTransfer(Destination destination, CallContext context) {
        java.util.Objects.requireNonNull(destination, "destination");
        return transferWithContext(null, context, p -> p.blindTransferCall(null), id -> blindTransfer(id, destination));
    }

    @Override
    public CompletionStage<CommandResult> blindTransfer(String callId, Destination destination,
                                                        CallContext context) {
        java.util.Objects.requireNonNull(destination, "destination");
        String id = requireId(callId);
        return transferWithContext(id, context, p -> p.blindTransferCall(id),
                target -> blindTransfer(target, destination));
    }

    /**
     * Resolves the call, saves its context (bounded by the context timeout), then runs the transfer whatever the
     * save's outcome: a context store never blocks or fails a call.
     */
    private CompletionStage<CommandResult> transferWithContext(String callId, CallContext context,
            Function<CommandPlanner, String> resolve, Function<String, CompletionStage<CommandResult>> transfer) {
        java.util.Objects.requireNonNull(context, "context");
        contexts.checkAttachable(context, callId);
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        submit(result, () -> {
            String target = resolve.apply(planner());
            attachOnLane(target, context).whenComplete((saved, err) -> {
                if (err != null) {
                    LOG.warn("phone {}: the context of call {} was not saved, the transfer goes on without it: {}",
                            id(), target, unwrap(err).getMessage());
                }
                lane.execute(() -> transfer.apply(target).whenComplete((r, e) -> {
                    if (e != null) {
                        result.completeExceptionally(unwrap(e));
                    } else {
                        result.complete(r);
                    }
                }));
            });
        });
        return result;
    }

    // ----- call context -----

    @Override
    public CallContext context(String callId) {
        return contexts.current(callId);
    }

    @Override
    public CompletionStage<Void> attachContext(String callId, CallContext context) {
        String id = requireId(callId);
        java.util.Objects.requireNonNull(context, "context");
        contexts.checkAttachable(context, id);
        CompletableFuture<Void> result = new CompletableFuture<>();
        submit(result, () -> attachOnLane(id, context).whenComplete((ok, err) -> {
            if (err != null) {
                result.completeExceptionally(unwrap(err));
            } else {
                result.complete(null);
            }
        }));
        return result;
    }

    /** Attaches on the lane: the call must be up here and not handed off yet. */
    private CompletableFuture<Void> attachOnLane(String callId, CallContext context) {
        ObservedCall call = session.calls().stream().filter(c -> c.callId().equals(callId)).findFirst()
                .orElseThrow(() -> new InvalidPhoneStateException("cannot attach a context to call " + callId
                        + ": the softphone shows no such call", agentState));
        if (contexts.isSealed(callId)) {
            throw new InvalidPhoneStateException("cannot attach a context to call " + callId + ": it was "
                    + "transferred away or ended here, so its context belongs to the receiving agent", agentState);
        }
        CompletableFuture<Void> saved = contexts.attach(callId, correlationId(call), context);
        refreshViews();
        return saved;
    }

    private Optional<String> correlationId(ObservedCall call) {
        try {
            return driver.correlationId(call);
        } catch (RuntimeException e) {
            LOG.warn("phone {}: plugin {} failed to give the correlation id of call {}", id(), pluginId(),
                    call.callId(), e);
            return Optional.empty();
        }
    }

    @Override
    public CompletionStage<List<Destination>> transferDestinations() {
        if (closed) {
            return CompletableFuture.failedFuture(new PhoneClosedException(id()));
        }
        if (!driver.capabilities().contains(Capability.TRANSFER_DESTINATIONS)) {
            return CompletableFuture.failedFuture(new SoftphoneException("cannot list transfer destinations: "
                    + driver.whyNot(Capability.TRANSFER_DESTINATIONS)));
        }
        CompletableFuture<List<Destination>> result = new CompletableFuture<>();
        inflight.add(result);
        ScheduledFuture<?> timer = settings.scheduler().schedule(() -> result.completeExceptionally(
                        new CommandTimeoutException("list transfer destinations", settings.commandTimeout())),
                settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
        driver.transferDestinations().whenComplete((list, err) -> {
            timer.cancel(false);
            if (err != null) {
                result.completeExceptionally(unwrap(err));
            } else {
                result.complete(List.copyOf(list));
            }
        });
        result.whenComplete((v, e) -> inflight.remove(result));
        return result;
    }

    @Override
    public List<CallView> calls() {
        return callViews;
    }

    @Override
    public Optional<CallView> call(String callId) {
        return callViews.stream().filter(c -> c.callId().equals(callId)).findFirst();
    }

    // ----- capabilities, listeners, lifecycle -----

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> caps = driver.capabilities();
        return caps.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(caps));
    }

    @Override
    public CapabilityCheck can(Capability capability) {
        return driver.capabilities().contains(capability) ? CapabilityCheck.yes(capability)
                : CapabilityCheck.no(capability, driver.whyNot(capability));
    }

    @Override
    public boolean isSoftphoneAvailable() {
        return softphoneAvailable;
    }

    @Override
    public void addListener(PhoneListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeListener(PhoneListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            driver.close();
        } catch (RuntimeException e) {
            LOG.warn("plugin {} failed to close cleanly", pluginId(), e);
        }
        for (CompletableFuture<?> f : List.copyOf(inflight)) {
            f.completeExceptionally(new PhoneClosedException(id()));
        }
    }

    @Override
    public String toString() {
        return "Phone[" + id() + ", " + pluginId() + ", " + agentState + "]";
    }

    // ----- command machinery -----

    private CompletionStage<CommandResult> run(Capability capability, Function<CommandPlanner, DriverCommand> plan) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        // Planning a plain command publishes no event, so it may run on the caller's thread (see submit).
        submit(result, () -> {
            DriverCommand command = plan.apply(planner());
            if (!driver.capabilities().contains(capability)) {
                result.complete(manual(capability, command));
                return;
            }
            send(command, result);
        }, true);
        return result;
    }

    /** Answers a manual result and remembers the step so the application can confirm it. Runs on the lane. */
    private CommandResult manual(Capability capability, DriverCommand command) {
        String stepId = id() + "-manual-" + (++manualStepCounter);
        manualSteps.put(stepId, new ManualStep(capability, command));
        return CommandResult.manual(driver.manualInstruction(capability, command), stepId);
    }

    @Override
    public CompletionStage<CommandResult> confirmManualStep(String manualStepId) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        submit(result, () -> {
            ManualStep step = manualSteps.remove(requireId(manualStepId));
            if (step == null) {
                throw new InvalidPhoneStateException("there is no manual step " + manualStepId
                        + " to confirm (unknown, already confirmed, or one of more than " + MAX_MANUAL_STEPS
                        + " older steps)", agentState);
            }
            publish(session.manualStepConfirmed(manualStepId, step.capability(), EchoTable.callIdOf(step.command())));
            CompletionStage<Void> applied;
            try {
                applied = driver.confirmManual(step.command());
            } catch (RuntimeException e) {
                applied = CompletableFuture.failedFuture(e);
            }
            applied.whenComplete((ok, err) -> lane.execute(() -> {
                if (err == null) {
                    result.complete(CommandResult.done());
                } else {
                    result.completeExceptionally(unwrap(err));
                }
            }));
        });
        return result;
    }

    /** Runs a planning step on the lane; a refusal completes the result exceptionally. */
    private void submit(CompletableFuture<?> result, Runnable step) {
        submit(result, step, false);
    }

    /**
     * Runs a planning step on the lane; a refusal completes the result exceptionally. With {@code mayRunHere} the step
     * runs at once on the calling thread when the phone is idle ({@link SerialLane#runIfIdle}), which saves a
     * thread hand-off on every command (docs/architecture.md, threading contract); only for steps that publish no
     * event, so listeners never run on the application's thread.
     */
    private void submit(CompletableFuture<?> result, Runnable step, boolean mayRunHere) {
        if (closed) {
            result.completeExceptionally(new PhoneClosedException(id()));
            return;
        }
        inflight.add(result);
        result.whenComplete((v, e) -> inflight.remove(result));
        Runnable planning = () -> {
            if (closed) {
                result.completeExceptionally(new PhoneClosedException(id()));
                return;
            }
            try {
                step.run();
            } catch (SoftphoneException | IllegalArgumentException e) {
                result.completeExceptionally(e);
            } catch (RuntimeException e) {
                LOG.error("phone {}: unexpected failure while planning a command", id(), e);
                result.completeExceptionally(e);
            }
        };
        if (mayRunHere) {
            lane.runIfIdle(planning);
        } else {
            lane.execute(planning);
        }
    }

    /** Sends a command (on the lane) and completes the result with the acknowledgement, a failure or a timeout. */
    private void send(DriverCommand command, CompletableFuture<CommandResult> result) {
        send(command, result, null);
    }

    /**
     * Sends a command (on the lane) and completes the result with the acknowledgement, a failure or a timeout. A state
     * change ({@code request} not null) completes only once the softphone also shows it (A13).
     */
    private void send(DriverCommand command, CompletableFuture<CommandResult> result, StateRequest request) {
        Object token = new Object();
        echoes.expect(token, command, settings.clock().instant());
        CompletionStage<Void> ack;
        try {
            ack = driver.execute(command);
        } catch (RuntimeException e) {
            ack = CompletableFuture.failedFuture(e);
        }
        ScheduledFuture<?> timer = settings.scheduler().schedule(() -> lane.execute(() -> {
            if (request != null && request.isConfirmed()) {
                // Shown but never acknowledged: what the softphone shows is the stronger evidence (A13).
                request.acknowledge();
                session.agent().settle();
                return;
            }
            if (result.completeExceptionally(new CommandTimeoutException(command.describe(),
                    settings.commandTimeout()))) {
                echoes.withdraw(token);
                withdrawn(request);
            }
        }), settings.commandTimeout().toNanos(), TimeUnit.NANOSECONDS);
        if (request != null) {
            request.timer(timer);
        }
        ack.whenComplete((ok, err) -> {
            Runnable answered = () -> {
                if (err == null && request != null) {
                    request.acknowledge();
                    session.agent().settle();
                } else if (err == null) {
                    timer.cancel(false);
                    result.complete(CommandResult.done());
                } else {
                    timer.cancel(false);
                    echoes.withdraw(token);
                    result.completeExceptionally(unwrap(err));
                    withdrawn(request);
                }
            };
            if (request == null) {
                // A plain command's answer publishes no event: it may complete on the thread the answer came on, or
                // on the caller's when the answer came before the caller's lent task ended (SerialLane.runIfIdle).
                lane.runIfIdle(answered);
            } else {
                lane.execute(answered); // settling a state change may publish events, which listeners get
            }
        });
    }

    /**
     * A state change failed or timed out: it changes nothing (A13). An application request no longer holds back the
     * desired-state policy, which may now act on a drift it waited on (A17).
     */
    private void withdrawn(StateRequest request) {
        if (request == null) {
            return;
        }
        session.agent().withdraw(request);
        if (!request.reapply() && !closed) {
            enforceDesiredState();
        }
    }

    private CommandPlanner planner() {
        return new CommandPlanner(session.agentState(), session.calls());
    }

    private static String requireId(String callId) {
        if (callId == null || callId.isBlank()) {
            throw new IllegalArgumentException("callId must not be blank");
        }
        return callId;
    }

    private static Throwable unwrap(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    // ----- observations and signals -----

    private void publish(List<PhoneEvent> events) {
        // volatile stores only on a change: most changes are to calls, and a store into the phone costs the collector
        if (agentState != session.agentState()) {
            agentState = session.agentState();
        }
        if (pendingState != session.pendingState()) {
            pendingState = session.pendingState();
        }
        softphoneAvailable = session.softphoneAvailable();
        refreshViews();
        for (PhoneEvent event : events) {
            if (event instanceof PhoneEvent.TransferReceived t) {
                // Held back (with every later event) until the context is loaded or the context timeout passed.
                delivery.add(contexts.receive(t.callId(), receivedCorrelationId(t)).thenApply(handoff -> {
                    refreshViews();
                    return t.withContext(handoff);
                }));
                continue;
            }
            if (event instanceof PhoneEvent.TransferCompleted || event instanceof PhoneEvent.CallEnded
                    || event instanceof PhoneEvent.CallMissed) {
                contexts.seal(((PhoneEvent.CallEvent) event).callId());
            }
            delivery.add(event);
        }
    }

    private Optional<String> receivedCorrelationId(PhoneEvent.TransferReceived event) {
        return session.calls().stream().filter(c -> c.callId().equals(event.callId())).findFirst()
                .map(this::correlationId).orElse(Optional.ofNullable(event.fromCallId()));
    }

    private void deliver(PhoneEvent event) {
        for (PhoneListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("phone {}: listener {} threw on {}; other listeners still get it", id(), listener,
                        event.type(), e);
            }
        }
    }

    /** Rebuilds the call views, keeping the current list (and each unchanged view) when nothing in it changed. */
    private void refreshViews() {
        List<CallView> before = callViews;
        List<ObservedCall> calls = session.calls();
        List<CallView> views = new ArrayList<>(calls.size());
        boolean changed = calls.size() != before.size();
        for (int i = 0; i < calls.size(); i++) {
            CallView fresh = view(calls.get(i));
            CallView old = i < before.size() ? before.get(i) : null;
            if (fresh.equals(old)) {
                views.add(old);
            } else {
                views.add(fresh);
                changed = true;
            }
        }
        if (changed) {
            callViews = List.copyOf(views);
        }
    }

    private CallView view(ObservedCall c) {
        return new CallView(c.callId(), c.initialCallId(), c.direction(), c.status(), c.remote(), c.queue(),
                c.legs(), contexts.current(c.callId()));
    }

    /** What the driver sees of core. */
    private final class Context implements PluginContext {
        private final PluginConfig config = settings.pluginConfig();

        @Override
        public String phoneId() {
            return settings.id();
        }

        @Override
        public PluginConfig config() {
            return config;
        }

        @Override
        public Clock clock() {
            return settings.clock();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return settings.scheduler();
        }

        @Override
        public Executor executor() {
            return settings.executor();
        }

        @Override
        public void observe(Observation observation) {
            java.util.Objects.requireNonNull(observation, "observation");
            lane.execute(() -> {
                if (!closed) {
                    publishAgentChange(session.observe(observation));
                }
            });
        }

        @Override
        public void signal(Signal signal) {
            java.util.Objects.requireNonNull(signal, "signal");
            lane.execute(() -> {
                if (!closed) {
                    publishAgentChange(session.signal(signal));
                }
            });
        }
    }
}
