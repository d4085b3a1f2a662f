package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.ActivityStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spool plus one {@link SinkDelivery} per sink: records go in through {@link #accept(ActivityRecord)} (never
 * blocking), become durable in the spool, and flow out to every sink independently. Deliveries resume from their
 * saved cursors when the pipeline is opened on a directory a previous process used.
 */
public final class ActivityPipeline implements AutoCloseable {
    private static final Logger LOST = LoggerFactory.getLogger("dev.softphone.activity.lost");

    private final DiskSpool spool;
    private final List<SinkDelivery> deliveries;
    private final AtomicLong accepted = new AtomicLong();
    private final Runnable onClose;
    private final Object progress = new Object();

    /**
     * Opens the spool and starts delivering what it holds.
     *
     * @param dir       the spool directory
     * @param options   spool sizes and full policy
     * @param sinks     the sinks, with unique names
     * @param executor  runs deliveries (they may block)
     * @param scheduler times retries
     * @param backoff   retry timing
     * @param clock     for dead-letter times
     * @param onClose   runs after closing (to stop an executor the caller owns)
     * @throws IOException when the spool directory cannot be used
     */
    public ActivityPipeline(Path dir, DiskSpool.Options options, List<ActivitySink> sinks, Executor executor,
                            ScheduledExecutorService scheduler, SinkDelivery.Backoff backoff, Clock clock,
                            Runnable onClose) throws IOException {
        this.onClose = onClose;
        List<SinkDelivery> list = new ArrayList<>();
        Runnable kickAll = () -> {
            for (SinkDelivery d : deliveriesOrEmpty()) {
                d.kick();
            }
        };
        this.spool = DiskSpool.open(dir, options, kickAll);
        CursorStore cursors = new CursorStore(dir);
        for (ActivitySink sink : sinks) {
            list.add(new SinkDelivery(sink, spool, cursors, executor, scheduler, backoff,
                    new DeadLetters(dir, sink.name(), clock), this::progressed));
        }
        this.deliveries = List.copyOf(list);
        kickAll.run(); // resume what a previous process left undelivered
    }

    private List<SinkDelivery> deliveriesOrEmpty() {
        List<SinkDelivery> d = deliveries;
        return d == null ? List.of() : d;
    }

    /**
     * Hands a record to the spool. Never blocks; a record the spool refuses is logged with its JSON at ERROR on
     * {@code dev.softphone.activity.lost}.
     *
     * @param record the record
     * @return completes when the record is durable (accepted), or fails when it was refused
     */
    public CompletableFuture<Void> accept(ActivityRecord record) {
        String json = record.toJson();
        return spool.append(json.getBytes(StandardCharsets.UTF_8), record).whenComplete((ok, err) -> {
            if (err == null) {
                accepted.incrementAndGet();
            } else {
                LOST.error("activity record not accepted ({}): {}", err.getMessage(), json);
            }
        });
    }

    /** @return completes when every record handed over before is durable */
    public CompletableFuture<Void> flush() {
        return spool.sync();
    }

    /**
     * Waits until every sink has every durable record (or the time is up).
     *
     * @param timeout the longest wait
     * @return true when all sinks caught up
     * @throws InterruptedException when interrupted
     */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        flush().join();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (!allCaughtUp()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // woken by progress; the bounded wait also notices a sink going idle without progress
                progress.wait(Math.max(1, Math.min(50, left / 1_000_000)));
            }
        }
        return true;
    }

    private boolean allCaughtUp() {
        for (SinkDelivery d : deliveries) {
            if (!d.caughtUp()) {
                return false;
            }
        }
        return true;
    }

    private void progressed() {
        SpoolPosition min = null;
        for (SinkDelivery d : deliveriesOrEmpty()) {
            SpoolPosition c = d.cursor();
            if (min == null || c.compareTo(min) < 0) {
                min = c;
            }
        }
        if (min != null) {
            spool.release(min);
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** @return the counters */
    public ActivityStats stats() {
        Map<String, ActivityStats.SinkStats> sinks = new LinkedHashMap<>();
        for (SinkDelivery d : deliveries) {
            sinks.put(d.sink().name(), d.stats());
        }
        return new ActivityStats(accepted.get(), spool.refused(), spool.fsyncs(), spool.totalBytes(), sinks);
    }

    /** @return the spool (tests and benchmarks) */
    public DiskSpool spool() {
        return spool;
    }

    /**
     * Makes what was handed over durable, stops deliveries and closes sinks and files. Batches still in delivery get
     * one shared 10 s to finish (so their cursors are saved), not 10 s each: every sink is stopped before any is
     * waited for.
     */
    @Override
    public void close() {
        close(SinkDelivery.CLOSE_WAIT);
    }

    /** As {@link #close()}, with another wait for batches in delivery (tests). */
    void close(Duration wait) {
        spool.close();
        for (SinkDelivery d : deliveries) {
            d.stop();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (SinkDelivery d : deliveries) {
            d.close(deadline);
        }
        if (onClose != null) {
            onClose.run();
        }
    }
}
