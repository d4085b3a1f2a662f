package dev.softphone;

/**
 * A save was refused because the stored context changed since this phone last read or wrote it (optimistic
 * versioning). Typically another agent's phone received the transferred call and took the context over: the first
 * agent's later edits must not leak into it.
 */
public class CallContextConflictException extends CallContextStoreException {
    private static final long serialVersionUID = 1L;
    private final long expectedVersion;
    private final long currentVersion;

    /**
     * @param correlationId   the key
     * @param expectedVersion the version the writer based its change on (0: it expected no context)
     * @param currentVersion  the version in the store (0: none)
     * @param currentOwner    the phone that saved the current version, or null when unknown
     */
    public CallContextConflictException(String correlationId, long expectedVersion, long currentVersion,
                                        String currentOwner) {
        super("the call context under correlation id '" + correlationId + "' is at version " + currentVersion
                + (currentOwner == null ? "" : " (saved by phone '" + currentOwner + "')")
                + ", but this change was based on version " + expectedVersion
                + "; it was not saved (after a transfer the receiving agent owns the context)");
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** @return the version the refused change was based on */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** @return the version found in the store */
    public long currentVersion() {
        return currentVersion;
    }
}
