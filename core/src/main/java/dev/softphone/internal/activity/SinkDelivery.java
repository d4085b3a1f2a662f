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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Feeds one sink from the spool, from its saved cursor on, in order. Runs on the delivery executor, never on a
 * phone's thread. After a retryable failure it waits (exponential backoff on the injected scheduler) and offers the
 * same records again; a permanent failure of a batch is narrowed down record by record, and only the records at fault
 * go to the dead-letter file. Each sink has its own cursor, so a sink that is down holds back only itself.
 */
public final class SinkDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);
    private static final long MAX_BATCH_BYTES = 4L << 20;
    /** How long {@link #close()} lets a batch in delivery finish, so that its cursor is saved. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /**
     * A moving cursor is saved at most this often. Saving replaces a file (write, then rename), and on a busy spool
     * delivery catches up after every group commit: saving each time put a file rename next to every fsync, and the
     * file system's journal made the writer's fsyncs wait for them (docs/performance.md, spool). The price: after a
     * crash, up to this much more of what a sink acknowledged is offered to it again (docs/reporting.md).
     */
    static final long CURSOR_SAVE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

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
    /** When the cursor was last saved ({@code System.nanoTime}); touched only by the run that owns the cursor. */
    private long lastSaveNanos;
    private boolean saveScheduled;
    private final LongSupplier nanoTime;
    private boolean running;
    /** The thread executing a run right now (null while a run is only queued, waiting for a retry, or idle). */
    private Thread runner;
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
        this(sink, spool, cursors, executor, scheduler, backoff, deadLetters, onProgress, System::nanoTime);
    }

    /** As above, with the time source that paces cursor saves (tests move it by hand). */
    SinkDelivery(ActivitySink sink, DiskSpool spool, CursorStore cursors, Executor executor,
                 ScheduledExecutorService scheduler, Backoff backoff, DeadLetters deadLetters, Runnable onProgress,
                 LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.sink = sink;
        this.spool = spool;
        this.cursors = cursors;
        this.executor = executor;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.deadLetters = deadLetters;
        this.onProgress = onProgress;
        this.lastSaveNanos = nanoTime.getAsLong() - CURSOR_SAVE_INTERVAL_NANOS; // the first save is due at once
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

    /**
     * One delivery run. From the moment it set {@code running} it alone touches the sink, the cursor and the cursor
     * file, and it ends in exactly one of two ways: caught up ({@code running} cleared under the lock), or handing over
     * to one retry as its very last action. Nothing may follow the hand-over: the retry can start on another thread at
     * once, and a run that went on saving the cursor (or failed after the hand-over and handed over a second time)
     * would let two runs deliver the same records at the same time (I6).
     */
    private void runLoop() {
        synchronized (this) {
            runner = Thread.currentThread();
        }
        String retryBecause;
        try {
            retryBecause = deliverUntilCaughtUp();
        } catch (RuntimeException | Error e) {
            LOG.error("activity sink {}: delivery loop failed; retrying later", sink.name(), e);
            retryBecause = e.toString();
        }
        if (retryBecause != null) {
            scheduleRetry(retryBecause);
        }
    }

    /** @return null when caught up (and no longer running), else why delivery has to be retried later */
    private String deliverUntilCaughtUp() {
        while (true) {
            synchronized (this) {
                if (closed) {
                    stopRunning();
                    return null;
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
                // A save not due yet (or one that failed before) is done by a later run, woken for it.
                long wait = persistCursorIfDue();
                synchronized (this) {
                    if (!dirty) {
                        stopRunning();
                        if (wait > 0) {
                            scheduleCursorSave(wait);
                        }
                        return null;
                    }
                }
                continue;
            }
            String failure = deliverEntries(entries);
            onProgress.run();
            if (failure != null) {
                persistCursor(); // a retry may come much later: save what was acknowledged now
                return failure;
            }
            persistCursorIfDue();
        }
    }

    /** @return null when every entry was dealt with, else why the rest has to be retried later */
    private String deliverEntries(List<SpoolEntry> entries) {
        List<ActivityRecord> batch = new ArrayList<>(entries.size());
        List<SpoolEntry> batchEntries = new ArrayList<>(entries.size());
        for (SpoolEntry e : entries) {
            ActivityRecord r;
            try {
                r = e.decoded() instanceof ActivityRecord known ? known
                        : ActivityRecord.fromJson(new String(e.payload(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException bad) {
                String failure = flush(batch, batchEntries);
                if (failure != null) {
                    return failure;
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

    /**
     * Delivers the collected batch; moves the cursor past it on success.
     *
     * @return null when the batch was dealt with, else why it has to be retried later
     */
    private String flush(List<ActivityRecord> batch, List<SpoolEntry> entries) {
        if (batch.isEmpty()) {
            return null;
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
            return null;
        } catch (ActivitySinkException e) {
            if (e.retryable()) {
                return e.getMessage();
            }
            String failure = oneByOne(batch, entries, e);
            batch.clear();
            entries.clear();
            return failure;
        } catch (RuntimeException e) {
            return "sink threw " + e;
        }
    }

    /**
     * After a permanent batch failure: find the records at fault.
     *
     * @return null when every record was delivered or dead-lettered, else why the rest has to be retried later
     */
    private String oneByOne(List<ActivityRecord> batch, List<SpoolEntry> entries, ActivitySinkException batchError) {
        if (batch.size() == 1) {
            deadLetters.add(batch.get(0), batchError.getMessage());
            count(0, 0, 1);
            advance(entries.get(0).next());
            return null;
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
                    return e.getMessage();
                }
                deadLetters.add(r, e.getMessage());
                count(0, 0, 1);
            } catch (RuntimeException e) {
                return "sink threw " + e;
            }
            advance(entries.get(i).next());
        }
        succeeded();
        return null;
    }

    /** Moves the cursor in memory; {@link #persistCursor()} saves it once per batch read from the spool. */
    private void advance(SpoolPosition next) {
        cursor = next;
        cursorDirty = true;
    }

    /** Saves a moved cursor; when saving fails the cursor stays marked, so the next run saves it. */
    private void persistCursor() {
        if (cursorDirty) {
            cursors.save(sink.name(), cursor);
            cursorDirty = false;
            lastSaveNanos = nanoTime.getAsLong();
        }
    }

    /**
     * Saves a moved cursor if the last save is at least {@link #CURSOR_SAVE_INTERVAL_NANOS} old.
     *
     * @return 0 when nothing is left unsaved, else how long until the save is due, in nanoseconds
     */
    private long persistCursorIfDue() {
        if (!cursorDirty) {
            return 0;
        }
        long sinceLast = nanoTime.getAsLong() - lastSaveNanos;
        if (sinceLast >= CURSOR_SAVE_INTERVAL_NANOS) {
            persistCursor();
            return 0;
        }
        return CURSOR_SAVE_INTERVAL_NANOS - sinceLast;
    }

    /**
     * After a run went idle with its cursor unsaved: wakes a run when the save is due (one wake at a time). A run
     * started by new records saves it as well, whichever comes first. Under the lock.
     */
    private void scheduleCursorSave(long waitNanos) {
        if (saveScheduled || closed) {
            return;
        }
        saveScheduled = true;
        try {
            scheduler.schedule(() -> {
                synchronized (this) {
                    saveScheduled = false;
                }
                kick();
            }, waitNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            saveScheduled = false; // no timer: close() saves it, or the next records' run does
            LOG.debug("activity sink {}: cannot time the cursor save; it is saved with the next records or on close",
                    sink.name(), e);
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

    /** Ends the current run by handing over to one retry; the caller must do nothing after it. */
    private void scheduleRetry(String error) {
        Duration wait;
        int attempt;
        synchronized (this) {
            failures++;
            consecutiveFailures++;
            lastError = error;
            stopRunning();
            if (closed) {
                return;
            }
            waitingForRetry = true;
            attempt = consecutiveFailures;
            wait = backoff.after(attempt);
        }
        LOG.warn("activity sink {}: delivery failed ({}); retry {} in {}", sink.name(), error, attempt, wait);
        try {
            scheduler.schedule(() -> {
                try {
                    executor.execute(this::retryNow);
                } catch (RejectedExecutionException e) {
                    retryRefused(e);
                }
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            retryRefused(e);
        }
    }

    /**
     * The timer or the executor refused the retry (shut down, or full). Waiting for it would stop this sink for
     * good, so it is not waited for: the records stay in the spool and the next records' run (or a restart) takes
     * them.
     */
    private void retryRefused(RejectedExecutionException e) {
        synchronized (this) {
            waitingForRetry = false;
        }
        LOG.error("activity sink {}: its retry could not be scheduled ({}); delivery resumes with the next records "
                + "or the next start", sink.name(), e.toString());
    }

    /** Under the lock: the current run ends; wakes {@link #close()}. */
    private void stopRunning() {
        running = false;
        runner = null;
        notifyAll();
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

    /**
     * Stops delivering and closes the sink. A batch in delivery may finish first (up to 10 s), so that its cursor is
     * saved and a new start on the same directory does not deliver it again.
     */
    public void close() {
        stop();
        close(System.nanoTime() + CLOSE_WAIT.toNanos());
    }

    /**
     * Starts no further batch or retry; a batch in delivery goes on. The first half of closing: a pipeline stops every
     * sink before it waits for any, so that their batches in delivery finish side by side within one deadline.
     */
    void stop() {
        synchronized (this) {
            closed = true;
        }
    }

    /**
     * The second half of closing, after {@link #stop()}: waits for a batch in delivery until the deadline, saves
     * the cursor, and closes the sink.
     *
     * @param deadlineNanos until when to wait, on the {@link System#nanoTime()} scale
     */
    void close(long deadlineNanos) {
        synchronized (this) {
            closed = true;
            while (runner != null && runner != Thread.currentThread()) {
                long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (leftMs <= 0) {
                    LOG.warn("activity sink {}: still delivering a batch when closing stopped waiting; closing it "
                            + "anyway (that batch may be delivered again after a restart)", sink.name());
                    break;
                }
                try {
                    wait(leftMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (runner == null && cursorDirty) {
                // The last run went idle before its save was due; no run touches the cursor once closed is set.
                try {
                    persistCursor();
                } catch (RuntimeException e) {
                    LOG.warn("activity sink {}: could not save its position on close; the last records may be "
                            + "delivered again after a restart", sink.name(), e);
                }
            }
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.warn("activity sink {} failed to close", sink.name(), e);
        }
        deadLetters.close();
    }
}
