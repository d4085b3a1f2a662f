package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.ActivitySinkException;
import dev.softphone.activity.ActivityStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Feeds one sink from the spool, from its saved cursor on, in order. Runs on the delivery executor, never on a
 * phone's thread. After a retryable failure it waits (exponential backoff on the injected scheduler) and offers the
 * same records again; a permanent failure of a batch is narrowed down record by record, and only the records at fault
 * go to the dead-letter file. Each sink has its own cursor, so a sink that is down holds back only itself.
 */
public final class SinkDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
    private static final long MAX_BATCH_BYTES = 4L << 20;

    /**
     * Retry timing: the first wait, doubled after each further failure up to the maximum.
     *
     * @param initial the first wait
     * @param max     the longest wait
     */
    public record Backoff(Duration initial, Duration max) {
        Duration after(int failures) {
            long ms = initial.toMillis();
            for (int i = 1; i < failures && ms < max.toMillis(); i++) {
                ms *= 2;
            }
            return Duration.ofMillis(Math.min(ms, max.toMillis()));
        }
    }

    private final ActivitySink sink;
    private final DiskSpool spool;
    private final CursorStore cursors;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Backoff backoff;
    private final DeadLetters deadLetters;
    private final Runnable onProgress;

    private volatile SpoolPosition cursor;
    private boolean cursorDirty;
    private boolean running;
    private boolean dirty;
    private boolean waitingForRetry;
    private boolean closed;
    private int consecutiveFailures;
    private long delivered;
    private long skipped;
    private long deadLettered;
    private long failures;
    private String lastError;

    /**
     * @param sink        the sink
     * @param spool       the spool
     * @param cursors     where cursors are kept
     * @param executor    runs delivery (may block)
     * @param scheduler   times retries
     * @param backoff     retry timing
     * @param deadLetters where rejected records go
     * @param onProgress  called after the cursor moved (outside any lock)
     */
    SinkDelivery(ActivitySink sink, DiskSpool spool, CursorStore cursors, Executor executor,
                 ScheduledExecutorService scheduler, Backoff backoff, DeadLetters deadLetters, Runnable onProgress) {
        this.sink = sink;
        this.spool = spool;
        this.cursors = cursors;
        this.executor = executor;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
        this.onProgress = onProgress;
        SpoolPosition saved = cursors.load(sink.name());
        if (saved != null && saved.compareTo(spool.committed()) > 0) {
            LOG.warn("activity sink {}: its saved position {} lies beyond the spool's end {} (segments deleted by "
                    + "hand?); starting from the oldest stored record", sink.name(), saved, spool.committed());
            saved = null;
        }
        this.cursor = saved != null ? saved : spool.oldest();
    }

    /** New records are durable: start delivering unless already at it or waiting to retry. */
    public void kick() {
        synchronized (this) {
            dirty = true;
            if (running || waitingForRetry || closed) {
                return;
            }
            running = true;
        }
        executor.execute(this::runLoop);
    }

    private void retryNow() {
        synchronized (this) {
            waitingForRetry = false;
            if (running || closed) {
                return;
            }
            running = true;
            dirty = true;
        }
        runLoop();
    }

    private void runLoop() {
        try {
            while (true) {
                synchronized (this) {
                    if (closed) {
                        running = false;
                        return;
                    }
                    dirty = false;
                }
                SpoolPosition oldest = spool.oldest();
                if (cursor.compareTo(oldest) < 0) {
                    LOG.error("activity sink {}: records before {} were deleted from the full spool (policy "
                            + "DROP_OLDEST) before this sink got them", sink.name(), oldest);
                    cursor = oldest;
                }
                List<SpoolEntry> entries = spool.read(cursor, sink.maxBatchSize(), MAX_BATCH_BYTES);
                if (entries.isEmpty()) {
                    synchronized (this) {
                        if (!dirty) {
                            running = false;
                            return;
                        }
                    }
                    continue;
                }
                boolean goOn = deliverEntries(entries);
                persistCursor();
                if (!goOn) {
                    return; // a retry is scheduled
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("activity sink {}: delivery loop failed; retrying later", sink.name(), e);
            scheduleRetry(e.toString());
        }
    }

    /** @return false when delivery stopped for a retry */
    private boolean deliverEntries(List<SpoolEntry> entries) {
        List<ActivityRecord> batch = new ArrayList<>(entries.size());
        List<SpoolEntry> batchEntries = new ArrayList<>(entries.size());
        for (SpoolEntry e : entries) {
            ActivityRecord r;
            try {
                r = ActivityRecord.fromJson(new String(e.payload(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                if (!flush(batch, batchEntries)) {
                    return false;
                }
                deadLetters.addRaw(e.payload(), "unreadable stored record: " + bad.getMessage());
                count(0, 0, 1);
                advance(e.next());
                continue;
            }
            if (!sink.accepts(r)) {
                if (batch.isEmpty()) {
                    count(0, 1, 0);
                    advance(e.next());
                } else {
                    batch.add(null); // placeholder keeps the cursor math simple: skipped inside a batch
                    batchEntries.add(e);
                }
                continue;
            }
            batch.add(r);
            batchEntries.add(e);
        }
        return flush(batch, batchEntries);
    }

    /** Delivers the collected batch; moves the cursor past it on success. */
    private boolean flush(List<ActivityRecord> batch, List<SpoolEntry> entries) {
        if (batch.isEmpty()) {
            return true;
        }
        List<ActivityRecord> wanted = new ArrayList<>(batch.size());
        for (ActivityRecord r : batch) {
            if (r != null) {
                wanted.add(r);
            }
        }
        int skippedHere = batch.size() - wanted.size();
        try {
            sink.deliver(wanted);
            count(wanted.size(), skippedHere, 0);
            advance(entries.get(entries.size() - 1).next());
            succeeded();
            batch.clear();
            entries.clear();
            return true;
        } catch (ActivitySinkException e) {
            if (e.retryable()) {
                scheduleRetry(e.getMessage());
                return false;
            }
            boolean ok = oneByOne(batch, entries, e);
            batch.clear();
            entries.clear();
            return ok;
        } catch (RuntimeException e) {
            scheduleRetry("sink threw " + e);
            return false;
        }
    }

    /** After a permanent batch failure: find the records at fault. */
    private boolean oneByOne(List<ActivityRecord> batch, List<SpoolEntry> entries, ActivitySinkException batchError) {
        if (batch.size() == 1) {
            deadLetters.add(batch.get(0), batchError.getMessage());
            count(0, 0, 1);
            advance(entries.get(0).next());
            return true;
        }
        for (int i = 0; i < batch.size(); i++) {
            ActivityRecord r = batch.get(i);
            if (r == null) {
                count(0, 1, 0);
                advance(entries.get(i).next());
                continue;
            }
            try {
                sink.deliver(List.of(r));
                count(1, 0, 0);
            } catch (ActivitySinkException e) {
                if (e.retryable()) {
                    scheduleRetry(e.getMessage());
                    return false;
                }
                deadLetters.add(r, e.getMessage());
                count(0, 0, 1);
            } catch (RuntimeException e) {
                scheduleRetry("sink threw " + e);
                return false;
            }
            advance(entries.get(i).next());
        }
        succeeded();
        return true;
    }

    /** Moves the cursor in memory; {@link #persistCursor()} saves it once per batch read from the spool. */
    private void advance(SpoolPosition next) {
        cursor = next;
        cursorDirty = true;
    }

    private void persistCursor() {
        if (cursorDirty) {
            cursorDirty = false;
            cursors.save(sink.name(), cursor);
            onProgress.run();
        }
    }

    private synchronized void count(long d, long s, long dl) {
        delivered += d;
        skipped += s;
        deadLettered += dl;
    }

    private synchronized void succeeded() {
        consecutiveFailures = 0;
    }

    private void scheduleRetry(String error) {
        Duration wait;
        synchronized (this) {
            failures++;
            consecutiveFailures++;
            lastError = error;
            running = false;
            if (closed) {
                return;
            }
            waitingForRetry = true;
            wait = backoff.after(consecutiveFailures);
        }
        LOG.warn("activity sink {}: delivery failed ({}); retry {} in {}", sink.name(), error, consecutiveFailures,
                wait);
        scheduler.schedule(() -> executor.execute(this::retryNow), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the position this sink has everything before */
    public SpoolPosition cursor() {
        return cursor;
    }

    /** @return true when this sink has every durable record and is not in the middle of a delivery */
    public boolean caughtUp() {
        synchronized (this) {
            if (running || waitingForRetry) {
                return false;
            }
        }
        return spool.read(cursor, 1, 1).isEmpty();
    }

    /** @return the sink */
    public ActivitySink sink() {
        return sink;
    }

    /** @return the counters */
    public synchronized ActivityStats.SinkStats stats() {
        return new ActivityStats.SinkStats(delivered, skipped, deadLettered, failures,
                cursor.compareTo(spool.committed()) < 0, lastError);
    }

    /** Stops delivering (a running batch finishes) and closes the sink. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("activity sink {} failed to close", sink.name(), e);
        }
        deadLetters.close();
    }
}
