package dev.softphone.activity;

import java.util.Map;

/**
 * A snapshot of the activity pipeline's counters since it was opened.
 *
 * @param accepted    records durably stored in the spool
 * @param refused     records the spool refused (full, or its hand-off buffer full) — each was logged with its JSON
 * @param fsyncs      disk syncs the spool did; {@code accepted / fsyncs} shows how well group commit batches
 * @param spoolBytes  bytes the spool holds now
 * @param sinks       per sink name, its counters
 */
public record ActivityStats(long accepted, long refused, long fsyncs, long spoolBytes, Map<String, SinkStats> sinks) {

    /** Freezes the map. */
    public ActivityStats {
        sinks = Map.copyOf(sinks);
    }

    /**
     * One sink's counters.
     *
     * @param delivered    records delivered
     * @param skipped      records the sink does not take ({@link ActivitySink#accepts})
     * @param deadLettered records the sink rejected for good, kept in its dead-letter file
     * @param failures     failed delivery attempts
     * @param backlog      whether records wait for this sink
     * @param lastError    the last failure's message, or null
     */
    public record SinkStats(long delivered, long skipped, long deadLettered, long failures, boolean backlog,
                            String lastError) {
    }
}
