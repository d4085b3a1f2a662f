package dev.softphone;

import java.util.Objects;

/**
 * What a receiving phone found of the call context when a transferred call arrived (see
 * {@link PhoneEvent.TransferReceived#context()} and {@code docs/call-context.md}).
 *
 * @param status        whether a context was found
 * @param correlationId the store key that was looked up (Amazon: the transfer chain's initial contact id; Avaya: the
 *                      UCID), or null when the softphone gives none for this call
 * @param context       the context as handed off (a snapshot: later edits by the first agent never reach it); empty
 *                      unless {@link Status#AVAILABLE}
 * @param version       the store version this phone took over, 0 unless {@link Status#AVAILABLE}
 * @param savedBy       the id of the phone that saved the context, or null
 * @param reason        why the context is {@link Status#UNAVAILABLE}; null otherwise
 */
public record ContextHandoff(Status status, String correlationId, CallContext context, long version, String savedBy,
                             String reason) {

    /** Whether the hand-off carried a context. */
    public enum Status {
        /** The first agent's context was loaded. */
        AVAILABLE,
        /** The store answered, and no context was saved for this call. */
        NONE,
        /** The context could not be looked up: store down or too slow, or no correlation id for the call. */
        UNAVAILABLE
    }

    /** Validates the components. */
    public ContextHandoff {
        Objects.requireNonNull(status, "status");
        context = context == null ? CallContext.empty() : context;
        if (status == Status.UNAVAILABLE) {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param correlationId the key
     * @param context       the loaded context
     * @param version       the version taken over
     * @param savedBy       the phone that saved it, or null
     * @return an available hand-off
     */
    public static ContextHandoff available(String correlationId, CallContext context, long version, String savedBy) {
        return new ContextHandoff(Status.AVAILABLE, Objects.requireNonNull(correlationId, "correlationId"),
                Objects.requireNonNull(context, "context"), version, savedBy, null);
    }

    /**
     * @param correlationId the key looked up, or null when nothing was looked up
     * @return a hand-off without context
     */
    public static ContextHandoff none(String correlationId) {
        return new ContextHandoff(Status.NONE, correlationId, CallContext.empty(), 0, null, null);
    }

    /**
     * @param correlationId the key, or null when the softphone gives none
     * @param reason        what went wrong, one sentence
     * @return a hand-off whose context could not be looked up
     */
    public static ContextHandoff unavailable(String correlationId, String reason) {
        return new ContextHandoff(Status.UNAVAILABLE, correlationId, CallContext.empty(), 0, null, reason);
    }

    /** @return true when the first agent's context was loaded */
    public boolean isAvailable() {
        return status == Status.AVAILABLE;
    }
}
