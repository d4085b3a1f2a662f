package dev.softphone.benchmarks;

import java.util.ArrayDeque;

/**
 * One page's stream of changed snapshots with a window: at most {@code window} snapshots are sent and not yet
 * processed. A snapshot counts as processed when the phone has delivered every event it causes to the listener (how
 * many each one causes is known from a calibration, see {@link BridgeMain}), so what is counted went through the
 * driver, the phone's lane and the listener — not merely through a socket. Transport-agnostic: the same class paces
 * the socket pages and the in-process baseline. Thread-safe.
 */
final class SnapshotStream {
    private final AgentUpdates.Template[] changed;
    private final int[] eventsPerSnapshot;
    private final int window;
    /** Event totals at which each snapshot in flight is processed, oldest first. */
    private final ArrayDeque<Long> processedAt = new ArrayDeque<>();
    private long seq;
    private int next;
    private long eventsExpected;
    private long eventsSeen;
    private long sent;
    private long processed;
    private boolean running;

    /**
     * @param changed           the pictures, sent in this order, cyclically
     * @param eventsPerSnapshot how many events {@code changed[i]} causes after {@code changed[i - 1]}
     * @param window            snapshots in flight at most
     * @param seq               the {@code seq} of the last message the page sent before the stream starts
     */
    SnapshotStream(AgentUpdates.Template[] changed, int[] eventsPerSnapshot, int window, long seq) {
        this.changed = changed;
        this.eventsPerSnapshot = eventsPerSnapshot;
        this.window = window;
        this.seq = seq;
    }

    /** Lets the stream send (up to its window). */
    synchronized void start() {
        running = true;
    }

    /** Stops sending; snapshots in flight are still counted when processed. */
    synchronized void stop() {
        running = false;
    }

    /** @return whether one more snapshot may be sent now */
    synchronized boolean hasCredit() {
        return running && sent - processed < window;
    }

    /**
     * Takes the next snapshot to send and counts it as in flight.
     *
     * @return its UTF-8 bytes with the page's next {@code seq}
     */
    synchronized byte[] next() {
        int i = next;
        next = (next + 1) % changed.length;
        eventsExpected += eventsPerSnapshot[i];
        processedAt.addLast(eventsExpected);
        sent++;
        return changed[i].bytes(++seq);
    }

    /**
     * The phone delivered one event.
     *
     * @return how many snapshots this event completed (0 or 1)
     */
    synchronized int eventDelivered() {
        eventsSeen++;
        int done = 0;
        while (!processedAt.isEmpty() && eventsSeen >= processedAt.peekFirst()) {
            processedAt.removeFirst();
            processed++;
            done++;
        }
        return done;
    }

    /** @return snapshots sent and not processed yet */
    synchronized long inFlight() {
        return sent - processed;
    }

    /** @return events delivered beyond what the snapshots sent explain (should stay 0) */
    synchronized long unexpectedEvents() {
        return Math.max(0, eventsSeen - eventsExpected);
    }
}
