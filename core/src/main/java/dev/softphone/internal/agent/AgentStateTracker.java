package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.LogoutCause;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.Signal;

import java.util.List;
import java.util.Objects;

/**
 * Turns consecutive agent presences into agent events (login, state changes, pending changes, errors, logout).
 * Used on the phone's lane only. The rules are in {@code docs/agent-state.md}.
 */
public final class AgentStateTracker {
    private AgentState state = AgentState.LOGGED_OUT;
    private AgentState pending;
    private String errorName;
    private boolean logoutRequested;

    /** The application asked for a logout: the next logout is reported with cause {@code APPLICATION}. */
    public void expectLogout() {
        logoutRequested = true;
    }

    private LogoutCause logoutCause(LogoutCause observed) {
        LogoutCause cause = logoutRequested ? LogoutCause.APPLICATION : observed;
        logoutRequested = false;
        return cause;
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
        // Offline is logout (DESIGN §4).
        AgentState to = next.offline() ? AgentState.LOGGED_OUT : next.state();
        if (!from.isLoggedIn() && to.isLoggedIn()) {
            out.add(new PhoneEvent.AgentLoggedIn(stamper.next(PhoneEvent.AgentLoggedIn.class, null), to));
        } else if (from.isLoggedIn() && !to.isLoggedIn()) {
            out.add(new PhoneEvent.AgentLoggedOut(stamper.next(PhoneEvent.AgentLoggedOut.class, null),
                    logoutCause(LogoutCause.OFFLINE_STATE)));
        } else if (from.isLoggedIn() && !from.equals(to)) {
            out.add(new PhoneEvent.AgentStateChanged(stamper.next(PhoneEvent.AgentStateChanged.class, null),
                    from, to, false));
        }
        state = to;
        AgentState nextPending = to.isLoggedIn() ? next.pending() : null;
        if (nextPending != null && !nextPending.equals(pending)) {
            out.add(new PhoneEvent.AgentStateChanged(stamper.next(PhoneEvent.AgentStateChanged.class, null),
                    state, nextPending, true));
        }
        pending = nextPending;
        if (next.errorName() != null && !Objects.equals(next.errorName(), errorName)) {
            out.add(new PhoneEvent.AgentError(stamper.next(PhoneEvent.AgentError.class, null), next.errorName()));
        }
        errorName = next.errorName();
    }

    /**
     * Applies a signal that ends the session.
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
            out.add(new PhoneEvent.AgentLoggedOut(stamper.next(PhoneEvent.AgentLoggedOut.class, null), logoutCause(cause)));
            state = AgentState.LOGGED_OUT;
            pending = null;
            errorName = null;
        }
    }
}
