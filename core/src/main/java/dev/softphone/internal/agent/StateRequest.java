package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * One pause/ready request of this phone that the softphone has not yet both acknowledged and shown. Its future
 * completes only when both happened (rule A13), so "done" means the agent really is in the state (or has it pending).
 * Used on the phone's lane only.
 */
public final class StateRequest {
    private final AgentState target;
    private final boolean whenCallsEnd;
    private final boolean reapply;
    private final CompletableFuture<CommandResult> result;
    private Future<?> timer;
    private boolean acknowledged;
    private boolean confirmed;
    private boolean echoed;
    private Throwable failure;

    StateRequest(AgentState target, boolean whenCallsEnd, boolean reapply, CompletableFuture<CommandResult> result) {
        this.target = target;
        this.whenCallsEnd = whenCallsEnd;
        this.reapply = reapply;
        this.result = result;
    }

    /** @return the state asked for */
    public AgentState target() {
        return target;
    }

    /** @return true when the state was queued until the calls end */
    public boolean whenCallsEnd() {
        return whenCallsEnd;
    }

    /** @return true when the SDK re-applies the desired state by itself (policy ENFORCE_APPLICATION) */
    public boolean reapply() {
        return reapply;
    }

    /**
     * Remembers the command's timeout timer, cancelled once the request is settled.
     *
     * @param timer the timer
     */
    public void timer(Future<?> timer) {
        this.timer = timer;
    }

    /** The softphone acknowledged the command. */
    public void acknowledge() {
        acknowledged = true;
    }

    boolean isSettled() {
        return result.isDone();
    }

    /** @return true once the observations showed the target (for a queued request: as pending) */
    public boolean isConfirmed() {
        return confirmed;
    }

    /**
     * Checks the picture against the target.
     *
     * @param state   the agent's state now
     * @param pending the pending state now, or null
     */
    void check(AgentState state, AgentState pending) {
        if (!whenCallsEnd) {
            confirmed |= state.equals(target);
        } else {
            confirmed |= target.equals(pending) || (pending == null && state.equals(target));
        }
    }

    /** @return true for the first event that echoes this request (each request is echoed once, rule A12) */
    boolean echo() {
        if (echoed) {
            return false;
        }
        echoed = true;
        return true;
    }

    void fail(Throwable why) {
        if (failure == null) {
            failure = why;
        }
    }

    /**
     * Completes the future when the request is acknowledged and confirmed, or failed.
     *
     * @return true when it is settled now
     */
    boolean settle() {
        if (failure != null) {
            cancelTimer();
            result.completeExceptionally(failure);
            return true;
        }
        if (acknowledged && confirmed) {
            cancelTimer();
            result.complete(CommandResult.done());
            return true;
        }
        return result.isDone();
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "StateRequest[" + target + (whenCallsEnd ? " when calls end" : "") + (reapply ? ", re-apply" : "")
                + (acknowledged ? ", acknowledged" : "") + (confirmed ? ", confirmed" : "") + "]";
    }
}
