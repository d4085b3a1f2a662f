package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.DesiredStatePolicy;

import java.time.Instant;

/**
 * Remembers the state the application last asked for (its desired state) and, under
 * {@link DesiredStatePolicy#ENFORCE_APPLICATION}, decides when the SDK must ask the softphone for it again (rules
 * A16–A18). Decides only; the phone sends the command. Used on the phone's lane only.
 */
final class DesiredStateEnforcer {

    /** What to do after a change. */
    sealed interface Decision {
    }

    /** Nothing to do. */
    record Nothing() implements Decision {
    }

    /**
     * Ask the softphone for the desired state again.
     *
     * @param target the desired state
     */
    record Reapply(AgentState target) implements Decision {
    }

    /**
     * Give up enforcing.
     *
     * @param desired what the application wanted
     * @param actual  what the softphone keeps showing
     * @param reason  why the SDK gives up, in words
     */
    record GiveUp(AgentState desired, AgentState actual, String reason) implements Decision {
    }

    private static final Decision NOTHING = new Nothing();

    private final DesiredStatePolicy policy;
    private final ReapplyLimiter limiter;
    private AgentState desired;
    private boolean stopped;
    private boolean reapplying;

    DesiredStateEnforcer(DesiredStatePolicy policy, int maxReappliesPerMinute) {
        this.policy = policy;
        this.limiter = new ReapplyLimiter(maxReappliesPerMinute);
    }

    /** @return the application's desired state, or null when it has not asked since login */
    AgentState desired() {
        return desired;
    }

    /**
     * The application asked for a state and the softphone confirmed it (or the agent was told to do it by hand):
     * it becomes the desired state, and enforcement starts afresh.
     *
     * @param target the state
     */
    void applicationChose(AgentState target) {
        desired = target;
        stopped = false;
        limiter.reset();
    }

    /** The session ended: there is nothing to enforce until the application asks again. */
    void loggedOut() {
        desired = null;
        stopped = false;
        reapplying = false;
        limiter.reset();
    }

    /** A re-apply finished (confirmed or failed). */
    void reapplyFinished() {
        reapplying = false;
    }

    /** @return true once enforcement gave up (until the application asks for a state again) */
    boolean stopped() {
        return stopped;
    }

    /**
     * Decides after the picture changed.
     *
     * @param state        the agent's state
     * @param pending      the pending state, or null
     * @param requestsOpen true while a request of the application is not confirmed yet
     * @param canQueue     false when a call is up and the softphone cannot queue a state until it ends
     * @param now          the phone clock's now
     * @return the decision
     */
    Decision decide(AgentState state, AgentState pending, boolean requestsOpen, boolean canQueue, Instant now) {
        if (policy != DesiredStatePolicy.ENFORCE_APPLICATION || desired == null || stopped || reapplying
                || requestsOpen || !state.isLoggedIn() || state.isAfterCallWork()) {
            // After-call work is the softphone's own, legitimate state: enforcement waits until it ends (A17).
            return NOTHING;
        }
        AgentState next = pending != null ? pending : state;
        if (next.equals(desired) || !canQueue) {
            return NOTHING;
        }
        if (!limiter.tryAcquire(now)) {
            return giveUp(next, "the softphone left " + desired + " " + (limiter.max() + 1)
                    + " times within a minute (now " + next + "); the SDK stops re-applying it until the "
                    + "application asks for a state again");
        }
        reapplying = true;
        return new Reapply(desired);
    }

    /**
     * Gives up enforcing.
     *
     * @param actual the state the softphone shows
     * @param reason why
     * @return the decision to report
     */
    GiveUp giveUp(AgentState actual, String reason) {
        stopped = true;
        reapplying = false;
        return new GiveUp(desired, actual, reason);
    }
}
