package dev.softphone.spi;

import dev.softphone.CallContext;
import dev.softphone.CallContextConflictException;
import dev.softphone.CallContextStoreException;

import java.util.Optional;

/**
 * Where call contexts wait for the agent who receives a transferred call, keyed by the call's <em>correlation
 * id</em>: an id every agent's softphone reports for the same customer call (Amazon Connect: the transfer chain's
 * {@code initialContactId}; Avaya: the UCID). Phones that should hand contexts to each other must share a store.
 *
 * <p>Built-in stores come from {@link dev.softphone.CallContextStores}: in memory (one JVM, the default) and JDBC
 * (several JVMs). Implement this interface for anything else (Redis, a CRM).
 *
 * <p>Methods may block (network, database): core calls them on the context executor, never on a phone's lane, and
 * bounds how long it waits. Implementations must be thread-safe. Saves use optimistic versioning: every save names
 * the version it is based on, and the store refuses it when the stored version differs. That is what keeps the first
 * agent's later edits out of a context the receiving agent took over.
 */
public interface CallContextStore extends AutoCloseable {

    /** Default for {@link #maxPayloadBytes()}: 64 KiB of JSON. */
    int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    /**
     * @param correlationId the key
     * @return the stored context, or empty when none is stored (or it expired)
     * @throws CallContextStoreException when the store cannot answer
     */
    Optional<StoredCallContext> load(String correlationId);

    /**
     * Saves a context when the stored version still is {@code expectedVersion}.
     *
     * @param correlationId   the key
     * @param context         the context
     * @param expectedVersion the version the change is based on; 0 when the writer expects no stored context
     * @param savedBy         the id of the phone saving it
     * @return the new version (greater than {@code expectedVersion})
     * @throws CallContextConflictException when the stored version differs from {@code expectedVersion}
     * @throws dev.softphone.InvalidCallContextException when the context is larger than {@link #maxPayloadBytes()}
     * @throws CallContextStoreException    when the store cannot answer
     */
    long save(String correlationId, CallContext context, long expectedVersion, String savedBy);

    /** @return the largest context this store takes, in bytes of its JSON form; core checks it at attach time */
    default int maxPayloadBytes() {
        return DEFAULT_MAX_PAYLOAD_BYTES;
    }

    /**
     * @return false for a store whose methods return at once (memory): phones then call it directly on their lane,
     *         so a received transfer's context is there without a thread hop; true (the default) for stores that do
     *         I/O, which phones call on the context executor
     */
    default boolean mayBlock() {
        return true;
    }

    /** Releases connections. Phones never close the store they were given: its owner does. */
    @Override
    default void close() {
    }
}
