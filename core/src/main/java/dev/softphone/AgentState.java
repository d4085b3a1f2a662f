package dev.softphone;

import java.util.Objects;

/**
 * The agent's state as both the application and the softphone must agree on it.
 *
 * <p>Exactly one state is routable: {@link #READY}. Every other logged-in state is
 * {@code NOT_READY} with a {@link PauseReason}; after-call work is {@code NOT_READY(AFTER_CALL_WORK)}. Being on a
 * call is not an agent state: it is the call list ({@link Phone#calls()}).
 *
 * @param kind   which of the three states
 * @param reason the pause reason; present exactly when {@code kind} is {@link Kind#NOT_READY}
 */
public record AgentState(Kind kind, PauseReason reason) {

    /** The three kinds of agent state (normative names). */
    public enum Kind {
        /** No session with the softphone: the agent cannot take calls. */
        LOGGED_OUT,
        /** Routable: the contact center may offer calls. */
        READY,
        /** Logged in but not routable, with a reason. */
        NOT_READY
    }

    /** Logged out. */
    public static final AgentState LOGGED_OUT = new AgentState(Kind.LOGGED_OUT, null);
    /** Ready (routable). */
    public static final AgentState READY = new AgentState(Kind.READY, null);

    /** Enforces that a reason is present exactly for {@code NOT_READY}. */
    public AgentState {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.NOT_READY && reason == null) {
            throw new IllegalArgumentException("NOT_READY needs a pause reason");
        }
        if (kind != Kind.NOT_READY && reason != null) {
            throw new IllegalArgumentException(kind + " takes no pause reason, got " + reason.code());
        }
    }

    /**
     * Not ready for the given reason.
     *
     * @param reason why
     * @return the state
     */
    public static AgentState notReady(PauseReason reason) {
        return new AgentState(Kind.NOT_READY, Objects.requireNonNull(reason, "reason"));
    }

    /** @return true only for {@link #READY} */
    public boolean isRoutable() {
        return kind == Kind.READY;
    }

    /** @return true unless this is {@link #LOGGED_OUT} */
    public boolean isLoggedIn() {
        return kind != Kind.LOGGED_OUT;
    }

    /** @return true for {@code NOT_READY(AFTER_CALL_WORK)} */
    public boolean isAfterCallWork() {
        return kind == Kind.NOT_READY && PauseReason.AFTER_CALL_WORK.equals(reason);
    }

    @Override
    public String toString() {
        return kind == Kind.NOT_READY ? "NOT_READY(" + reason.code() + ")" : kind.name();
    }
}
