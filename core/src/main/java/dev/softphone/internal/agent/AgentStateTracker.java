package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.Signal;

import java.util.List;
import java.util.Objects;

/**
 * Turns consecutive agent presences into agent events: login, state changes, pending changes, errors and logout,
 * each with its origin. Used on the phone's lane only. The rules (A1, A2, …) are in {@code docs/agent-state.md}.
 */
public final class AgentStateTracker {
    /** The name a pending offline state gets when offline does not mean logout and the vendor name is unknown. */
    static final String OFFLINE = "Offline";

    private final AgentStateOptions options;
    private final StateRequests requests;
    private AgentState state = AgentState.LOGGED_OUT;
    private AgentState pending;
    /** True when the pending state is one this phone asked for: applying it is the application's doing (A7). */
    private boolean pendingFromApplication;
    private String errorName;

    /**
     * @param options  how to treat offline states
     * @param requests this phone's open pause/ready requests, for origins and confirmations
     */
    public AgentStateTracker(AgentStateOptions options, StateRequests requests) {
        this.options = Objects.requireNonNull(options, "options");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /** @return the agent's current state */
    public AgentState state() {
        return state;
    }

    /** @return the pending state, or null */
    public AgentState pending() {
        return pending;
    }

    /**
     * Diffs the new presence against what is known and appends the events.
     *
     * @param next    the observed presence
     * @param stamper gives each event its meta
     * @param out     where events go
     */
    public void observe(ObservedAgent next, EventStamper stamper, List<PhoneEvent> out) {
        AgentState from = state;
        AgentState to = current(next);
        if (from.isLoggedIn() && !to.isLoggedIn()) {
            // A9/A10: an offline vendor state, or a logged-out picture (the vendor session is gone).
            logout(next.offline() ? LogoutCause.OFFLINE_STATE : LogoutCause.SESSION_TERMINATED, stamper, out);
            return;
        }
        if (!to.isLoggedIn()) {
            return;
        }
        AgentState nextPending = pending(next.pending(), to);
        if (!from.isLoggedIn()) {
            out.add(new PhoneEvent.AgentLoggedIn(stamper.next(PhoneEvent.AgentLoggedIn.class, null), to));
        } else if (!from.equals(to)) {
            // A3/A7: a change, including one pause reason to another; labels do not count (A4).
            boolean asked = requests.echoChange(to) || (pendingFromApplication && to.equals(pending));
            out.add(new PhoneEvent.AgentStateChanged(meta(asked, stamper), from, to, false));
        }
        if (state != to) {
            state = to; // an unchanged presence comes back as the same instance (ObservationReuse): no store
        }
        diffPending(nextPending, stamper, out);
        // A11: an error state is reported once, when it appears or turns into another one.
        if (next.errorName() != null && !next.errorName().equals(errorName)) {
            out.add(new PhoneEvent.AgentError(stamper.next(PhoneEvent.AgentError.class, null), next.errorName()));
        }
        if (errorName != next.errorName()) {
            errorName = next.errorName();
        }
        requests.check(state, pending);
    }

    /** A6/A8: pending events describe the agent's next state: the pending one, or the current one when none is. */
    private void diffPending(AgentState nextPending, EventStamper stamper, List<PhoneEvent> out) {
        AgentState oldPending = pending;
        if (pending != nextPending) {
            pending = nextPending;
        }
        if (Objects.equals(oldPending, nextPending)) {
            return;
        }
        if (nextPending != null) {
            boolean asked = requests.echoPending(nextPending);
            out.add(new PhoneEvent.AgentStateChanged(meta(asked, stamper),
                    oldPending != null ? oldPending : state, nextPending, true));
            pendingFromApplication = asked;
            return;
        }
        pendingFromApplication = false;
        if (!state.equals(oldPending)) {
            // Dropped without being applied: the next state is the current one again.
            boolean asked = requests.echoPending(state);
            out.add(new PhoneEvent.AgentStateChanged(meta(asked, stamper), oldPending, state, true));
        }
    }

    /**
     * Applies a signal that ends the session (A10).
     *
     * @param signal  the signal
     * @param stamper gives each event its meta
     * @param out     where events go
     */
    public void signal(Signal signal, EventStamper stamper, List<PhoneEvent> out) {
        LogoutCause cause = null;
        if (signal instanceof Signal.SessionTerminated) {
            cause = LogoutCause.SESSION_TERMINATED;
        } else if (signal instanceof Signal.AuthFailed) {
            cause = LogoutCause.AUTH_FAILED;
        }
        if (cause != null && state.isLoggedIn()) {
            logout(cause, stamper, out);
        }
    }

    private void logout(LogoutCause observed, EventStamper stamper, List<PhoneEvent> out) {
        PhoneEvent.Meta meta = stamper.next(PhoneEvent.AgentLoggedOut.class, null);
        // A10: whatever the vendor shows, a logout this phone asked for (within the matching window) is APPLICATION.
        LogoutCause cause = meta.origin() == Origin.APPLICATION ? LogoutCause.APPLICATION : observed;
        out.add(new PhoneEvent.AgentLoggedOut(meta, cause));
        requests.failAll(new InvalidPhoneStateException("the agent's session ended (" + cause
                + ") before the softphone confirmed the state change", AgentState.LOGGED_OUT));
        state = AgentState.LOGGED_OUT;
        pending = null;
        pendingFromApplication = false;
        errorName = null;
    }

    /** A9: the state an observation stands for, with the offline policy applied. */
    private AgentState current(ObservedAgent next) {
        if (!next.offline()) {
            return next.state();
        }
        if (options.offlineMeansLogout()) {
            return AgentState.LOGGED_OUT;
        }
        if (next.state().kind() == AgentState.Kind.NOT_READY) {
            return next.state();
        }
        return AgentState.notReady(PauseReason.custom(next.vendorState() != null && !next.vendorState().isBlank()
                ? next.vendorState() : OFFLINE));
    }

    /** A6: a pending state equal to the current one is no pending state; a pending offline follows A9. */
    private AgentState pending(AgentState observed, AgentState current) {
        AgentState p = observed;
        if (p != null && !p.isLoggedIn() && !options.offlineMeansLogout()) {
            p = AgentState.notReady(PauseReason.custom(OFFLINE));
        }
        return p == null || p.equals(current) ? null : p;
    }

    private static PhoneEvent.Meta meta(boolean asked, EventStamper stamper) {
        return asked ? stamper.next(Origin.APPLICATION) : stamper.next(PhoneEvent.AgentStateChanged.class, null);
    }
}
