package dev.softphone.spi;

import dev.softphone.CallContext;

import java.time.Instant;
import java.util.Objects;

/**
 * A context as a {@link CallContextStore} holds it.
 *
 * @param context the context
 * @param version its version, from 1; every save increments it
 * @param savedAt when it was saved
 * @param savedBy the id of the phone that saved it, or null
 */
public record StoredCallContext(CallContext context, long version, Instant savedAt, String savedBy) {

    /** Validates the components. */
    public StoredCallContext {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(savedAt, "savedAt");
        if (version < 1) {
            throw new IllegalArgumentException("version starts at 1, got " + version);
        }
    }
}
