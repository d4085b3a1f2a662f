package dev.softphone.activity;

import java.util.List;

/**
 * Where activity records go: a reporting system, a file, a log. Implement it to add your own; register an
 * {@link ActivitySinkFactory} to make it discoverable by id.
 *
 * <p>The SDK calls a sink from its own delivery thread, never from a phone's thread, one batch at a time, in the order
 * the records were accepted (so per agent in the order things happened). A sink may block while it delivers. A record
 * counts as delivered when {@link #deliver(List)} returns normally; if it throws, the same records are offered again
 * later (at-least-once), so a sink should tolerate duplicates or deduplicate by {@link ActivityRecord#id()}.
 */
public interface ActivitySink extends AutoCloseable {

    /**
     * @return a name unique among the sinks of one {@link ActivityReporting}, made of letters, digits, {@code .},
     *         {@code _} and {@code -}; the SDK keeps the sink's delivery position under this name, so keep it stable
     *         across restarts
     */
    String name();

    /**
     * Which records this sink wants; the others are passed over without calling {@link #deliver(List)}.
     *
     * @param record a record
     * @return true to receive it; the default skips {@link ActivityKind#PHONE_EVENT} records
     */
    default boolean accepts(ActivityRecord record) {
        return record.kind() != ActivityKind.PHONE_EVENT;
    }

    /** @return the most records one {@link #deliver(List)} call receives; default 100 */
    default int maxBatchSize() {
        return 100;
    }

    /**
     * Delivers records. Return only when they are safely stored or sent.
     *
     * @param records one or more records, oldest first
     * @throws ActivitySinkException when they could not be delivered: {@link ActivitySinkException#retryable()}
     *                               ones are offered again after a backoff; the others are set aside in the sink's
     *                               dead-letter file (after the batch is split to find the records at fault)
     */
    void deliver(List<ActivityRecord> records) throws ActivitySinkException;

    /** Releases files and connections. The default does nothing. */
    @Override
    default void close() {
    }
}
