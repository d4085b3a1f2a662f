package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.Signal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps the application and the softphone in agreement about the agent's state: diffs what the softphone shows
 * ({@link AgentStateTracker}), tracks this phone's pause/ready requests until the softphone confirms them
 * ({@link StateRequests}) and, under the enforcing policy, decides when to re-apply the application's state
 * ({@link DesiredStateEnforcer}). Used on the phone's lane only. The rules are in {@code docs/agent-state.md}.
 */
public final class AgentStateSync {
    private final EventStamper stamper;
    private final StateRequests requests = new StateRequests();
    private final AgentStateTracker tracker;
    private final DesiredStateEnforcer enforcer;

    /**
     * @param options how the phone treats the agent state
     * @param stamper gives each event its meta
     */
    public AgentStateSync(AgentStateOptions options, EventStamper stamper) {
        this.stamper = Objects.requireNonNull(stamper, "stamper");
        this.tracker = new AgentStateTracker(options, requests);
        this.enforcer = new DesiredStateEnforcer(options.policy(), options.maxReappliesPerMinute());
    }

    /** @return the agent's state */
    public AgentState state() {
        return tracker.state();
    }

    /** @return the pending state, or null */
    public AgentState pending() {
        return tracker.pending();
    }

    /** @return the state the application last asked for since login, or null */
    public AgentState desired() {
        return enforcer.desired();
    }

    /**
     * Diffs the agent's presence.
     *
     * @param next the observed presence
     * @param out  where events go
     */
    public void observe(ObservedAgent next, List<PhoneEvent> out) {
        tracker.observe(next, stamper, out);
        afterChange();
    }

    /**
     * Applies a signal that may end the session.
     *
     * @param signal the signal
     * @param out    where events go
     */
    public void signal(Signal signal, List<PhoneEvent> out) {
        tracker.signal(signal, stamper, out);
        afterChange();
    }

    private void afterChange() {
        if (!tracker.state().isLoggedIn()) {
            enforcer.loggedOut();
        }
        for (StateRequest confirmed : requests.takeConfirmed()) {
            if (confirmed.reapply()) {
                enforcer.reapplyFinished();
            } else {
                enforcer.applicationChose(confirmed.target());
            }
        }
    }

    /**
     * A14: whether asking for {@code target} would change nothing.
     *
     * @param target       the state asked for
     * @param whenCallsEnd true when it would be queued until the calls end
     * @return true when the agent already is in it (or, for a queued request, already has it as the next state)
     */
    public boolean alreadyIn(AgentState target, boolean whenCallsEnd) {
        AgentState pending = tracker.pending();
        if (whenCallsEnd && pending != null) {
            return pending.equals(target);
        }
        return pending == null && tracker.state().equals(target);
    }

    /**
     * Registers a pause/ready request about to be sent; its future completes when the softphone acknowledged it and
     * the observations show it (A13).
     *
     * @param target       the state asked for
     * @param whenCallsEnd true when queued until the calls end
     * @param reapply      true when the SDK re-applies the desired state by itself (A17)
     * @param result       the request's future
     * @return the request, to acknowledge or withdraw
     */
    public StateRequest request(AgentState target, boolean whenCallsEnd, boolean reapply,
                                CompletableFuture<CommandResult> result) {
        StateRequest request = requests.add(target, whenCallsEnd, reapply, result);
        request.check(tracker.state(), tracker.pending());
        return request;
    }

    /**
     * Takes back a request that failed or timed out: it changes nothing and will never be echoed (A13).
     *
     * @param request the request
     */
    public void withdraw(StateRequest request) {
        requests.withdraw(request);
        if (request.reapply()) {
            enforcer.reapplyFinished();
        }
    }

    /** Completes the futures of the requests that are now confirmed and acknowledged, or failed. */
    public void settle() {
        requests.settle();
    }

    /**
     * The application asked for a state that the agent must set by hand (the softphone cannot do it from code): it is
     * the desired state all the same (A16).
     *
     * @param target the state
     */
    public void chosenByHand(AgentState target) {
        enforcer.applicationChose(target);
    }

    /**
     * A17/A18: decides whether to re-apply the desired state after a change.
     *
     * @param canQueue false when a call is up and the softphone cannot queue a state until the calls end
     * @param now      the phone clock's now
     * @param out      where a give-up event goes
     * @return the state to re-apply now, or null
     */
    public AgentState enforce(boolean canQueue, Instant now, List<PhoneEvent> out) {
        DesiredStateEnforcer.Decision decision = enforcer.decide(tracker.state(), tracker.pending(),
                requests.anyUnconfirmed(), canQueue, now);
        if (decision instanceof DesiredStateEnforcer.Reapply r) {
            return r.target();
        }
        if (decision instanceof DesiredStateEnforcer.GiveUp g) {
            out.add(stopped(g));
        }
        return null;
    }

    /**
     * A18: a re-apply could not be done (refused, failed or timed out): enforcement gives up.
     *
     * @param why what went wrong, in words
     * @param out where the give-up event goes
     */
    public void reapplyFailed(String why, List<PhoneEvent> out) {
        if (enforcer.desired() == null || enforcer.stopped()) {
            return;
        }
        AgentState next = tracker.pending() != null ? tracker.pending() : tracker.state();
        out.add(stopped(enforcer.giveUp(next, "re-applying " + enforcer.desired() + " failed: " + why
                + "; the SDK stops re-applying it until the application asks for a state again")));
    }

    private PhoneEvent stopped(DesiredStateEnforcer.GiveUp g) {
        return new PhoneEvent.AgentStateEnforcementStopped(stamper.next(dev.softphone.Origin.SOFTPHONE), g.desired(),
                g.actual(), g.reason());
    }
}
