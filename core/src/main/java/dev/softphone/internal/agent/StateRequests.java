package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The pause/ready requests of one phone that are not settled yet, oldest first: they decide the origin of the state
 * events they cause (rule A12) and complete when the softphone confirmed them (rule A13). Used on the phone's lane
 * only.
 */
public final class StateRequests {
    private final List<StateRequest> open = new ArrayList<>();
    private final List<StateRequest> confirmedNow = new ArrayList<>();

    /**
     * Registers a request about to be sent.
     *
     * @param target       the state asked for
     * @param whenCallsEnd true when queued until the calls end
     * @param reapply      true when the SDK re-applies the desired state by itself
     * @param result       completed when the request is settled
     * @return the request
     */
    public StateRequest add(AgentState target, boolean whenCallsEnd, boolean reapply,
                            CompletableFuture<CommandResult> result) {
        StateRequest request = new StateRequest(target, whenCallsEnd, reapply, result);
        open.add(request);
        return request;
    }

    /**
     * Takes back a request that failed or timed out: it will not be echoed, and changes nothing.
     *
     * @param request the request
     */
    public void withdraw(StateRequest request) {
        open.remove(request);
    }

    /**
     * Whether a current-state change to {@code to} echoes a request; consumes that request's echo.
     *
     * @param to the new state
     * @return true when the change answers a request of this phone
     */
    boolean echoChange(AgentState to) {
        for (StateRequest r : open) {
            if (r.target().equals(to) && r.echo()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a pending change to {@code to} echoes a queued request; consumes that request's echo.
     *
     * @param to the new next state
     * @return true when the change answers a queued request of this phone
     */
    boolean echoPending(AgentState to) {
        for (StateRequest r : open) {
            if (r.whenCallsEnd() && r.target().equals(to) && r.echo()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Marks the requests the picture confirms.
     *
     * @param state   the agent's state
     * @param pending the pending state, or null
     */
    void check(AgentState state, AgentState pending) {
        for (StateRequest r : open) {
            boolean before = r.isConfirmed();
            r.check(state, pending);
            if (!before && r.isConfirmed()) {
                confirmedNow.add(r);
            }
        }
    }

    /**
     * @return the requests confirmed since the last call, oldest first (each is returned once)
     */
    List<StateRequest> takeConfirmed() {
        List<StateRequest> taken = List.copyOf(confirmedNow);
        confirmedNow.clear();
        return taken;
    }

    /**
     * Fails every open request (the agent logged out before they were confirmed).
     *
     * @param why the failure
     */
    void failAll(Throwable why) {
        open.forEach(r -> r.fail(why));
    }

    /** Completes the futures of the requests that are confirmed and acknowledged, or failed; forgets them. */
    public void settle() {
        List<StateRequest> done = new ArrayList<>();
        for (StateRequest r : open) {
            if (r.settle()) {
                done.add(r);
            }
        }
        open.removeAll(done);
    }

    /** @return true while a request is neither confirmed nor withdrawn */
    boolean anyUnconfirmed() {
        return open.stream().anyMatch(r -> !r.isConfirmed() && !r.isSettled());
    }

    /** @return how many requests are open (for tests and memory checks) */
    public int size() {
        return open.size();
    }
}
