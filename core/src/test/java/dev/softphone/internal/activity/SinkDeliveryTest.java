package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.ActivitySinkException;
import dev.softphone.activity.SpoolFullPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hand-over between a delivery run and its retry, with real threads put in a chosen order: a retry timer that
 * fires while the failing run is still finishing, a sink that holds a batch until the test lets it go.
 */
@DisplayName("Sink delivery runs never overlap, so each acknowledged record is delivered once")
class SinkDeliveryTest {
    private static final DiskSpool.Options OPTIONS = new DiskSpool.Options(1 << 20, 64L << 20, 1_000,
            SpoolFullPolicy.REJECT_NEW);
    private static final long WAIT_MS = 10_000;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private final Executor threadPerRun = task -> {
        Thread t = new Thread(() -> {
            try {
                task.run();
            } finally {
                synchronized (signal) {
                    signal.notifyAll();
                }
            }
        }, "test-delivery-" + threads.size());
        synchronized (threads) {
            threads.add(t);
        }
        t.start();
    };
    private DiskSpool spool;

    @AfterEach
    void closeSpool() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    @DisplayName("I6 (deliveries of one sink never overlap): a retry that starts while the failed run is still "
            + "finishing, and a cursor that cannot be saved, still get each record delivered exactly once")
    void retryStartingBeforeTheFailedRunEndsDoesNotOverlapIt(@TempDir Path dir) throws Exception {
        spool = DiskSpool.open(dir, OPTIONS, null);
        ActivityRecord skipped = record(ActivityKind.PHONE_EVENT);
        ActivityRecord wanted = record(ActivityKind.LOGGED_IN);
        store(skipped, wanted);
        // the cursor file cannot be written: a directory is in its place (later removed)
        Path cursorFile = dir.resolve("cursor-held.pos");
        Files.createDirectories(cursorFile.resolve("blocker"));
        HeldSink sink = new HeldSink(1);
        InstantRetryTimer timer = new InstantRetryTimer(sink);
        SinkDelivery delivery = delivery(dir, sink, timer);

        // run 1 skips the PHONE_EVENT, is refused by the sink and cannot save its cursor; its retry fires at once and
        // is inside the sink (held) before run 1 has returned
        delivery.kick();
        joinThread(0);
        timer.fireAtOnce = false;
        Files.delete(cursorFile.resolve("blocker"));
        Files.delete(cursorFile);
        sink.release();
        joinAll();

        assertThat(sink.maxInside).as("deliveries at the same time").isEqualTo(1);
        assertThat(sink.received()).extracting(ActivityRecord::id).containsExactly(wanted.id());
        assertThat(timer.pending()).as("retries still queued").isZero();
        assertThat(delivery.caughtUp()).isTrue();
        assertThat(new CursorStore(dir).load("held")).isEqualTo(spool.committed());
    }

    @Test
    @DisplayName("I6: close lets the batch in delivery finish and saves its cursor, so a new start on the same "
            + "directory does not deliver it again")
    void closeWaitsForTheBatchInDelivery(@TempDir Path dir) throws Exception {
        spool = DiskSpool.open(dir, OPTIONS, null);
        ActivityRecord first = record(ActivityKind.LOGGED_IN);
        ActivityRecord second = record(ActivityKind.LOGGED_OUT);
        store(first, second);
        HeldSink sink = new HeldSink(0);
        InstantRetryTimer timer = new InstantRetryTimer(sink);
        timer.fireAtOnce = false;
        SinkDelivery delivery = delivery(dir, sink, timer);
        delivery.kick();
        awaitCondition(() -> sink.entered() == 1, "the sink receives the batch");

        Thread closer = new Thread(delivery::close, "test-closer");
        closer.start();
        awaitCondition(() -> closer.getState() == Thread.State.TIMED_WAITING
                || closer.getState() == Thread.State.TERMINATED, "close waits or returns");
        boolean closedDuringDelivery = sink.closed;
        sink.release();
        closer.join(WAIT_MS);
        joinAll();

        assertThat(closedDuringDelivery).as("sink closed while its batch was in delivery").isFalse();
        assertThat(sink.closed).isTrue();
        assertThat(new CursorStore(dir).load("held")).isEqualTo(spool.committed());
        HeldSink afterRestart = new HeldSink(0);
        afterRestart.release();
        SinkDelivery restarted = delivery(dir, afterRestart, timer);
        restarted.kick();
        joinAll();
        assertThat(afterRestart.received()).isEmpty();
        assertThat(sink.received()).extracting(ActivityRecord::id).containsExactly(first.id(), second.id());
    }

    @Test
    @DisplayName("Cursor saves are paced (docs/reporting.md, delivery guarantees): the first batch's position is "
            + "saved at once; one acknowledged within 200 ms of a save is saved by a timed run when due, and a save "
            + "still pending is made on close")
    void cursorSavesArePaced(@TempDir Path dir) throws Exception {
        spool = DiskSpool.open(dir, OPTIONS, null);
        AtomicLong now = new AtomicLong(5_000_000_000L);
        HeldSink sink = new HeldSink(0);
        sink.release();
        InstantRetryTimer timer = new InstantRetryTimer(sink);
        timer.fireAtOnce = false;
        CursorStore cursors = new CursorStore(dir);
        SinkDelivery delivery = delivery(dir, sink, timer, now::get);

        store(record(ActivityKind.LOGGED_IN));
        delivery.kick();
        joinAll();
        SpoolPosition first = spool.committed();
        assertThat(cursors.load("held")).as("first save").isEqualTo(first);
        assertThat(timer.pending()).isZero();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        store(record(ActivityKind.LOGGED_OUT));
        delivery.kick();
        joinAll();
        assertThat(sink.received()).hasSize(2);
        assertThat(delivery.caughtUp()).isTrue();
        assertThat(cursors.load("held")).as("50 ms after a save: not yet").isEqualTo(first);
        assertThat(timer.pending()).as("one timed save").isEqualTo(1);

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(150));
        timer.runQueued();
        joinAll();
        assertThat(cursors.load("held")).as("saved when due").isEqualTo(spool.committed());
        assertThat(timer.pending()).isZero();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
        store(record(ActivityKind.PAUSE_STARTED));
        delivery.kick();
        joinAll();
        assertThat(cursors.load("held")).isNotEqualTo(spool.committed());
        delivery.close();
        assertThat(cursors.load("held")).as("saved on close").isEqualTo(spool.committed());
        assertThat(sink.received()).hasSize(3);
    }

    @Test
    @DisplayName("a retry the timer refuses does not stop the sink for good: the next records' run delivers what "
            + "was left, nothing is lost")
    void refusedRetryDoesNotStopTheSink(@TempDir Path dir) throws Exception {
        spool = DiskSpool.open(dir, OPTIONS, null);
        HeldSink sink = new HeldSink(1);
        sink.release();
        DelayOnlyScheduler refusing = new DelayOnlyScheduler() {
            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                throw new RejectedExecutionException("timer shut down");
            }

            @Override
            public void execute(Runnable command) {
                throw new UnsupportedOperationException("not used by SinkDelivery");
            }
        };
        SinkDelivery delivery = delivery(dir, sink, refusing);
        ActivityRecord first = record(ActivityKind.LOGGED_IN);
        store(first);
        delivery.kick(); // fails once; its retry is refused
        joinAll();
        assertThat(sink.received()).isEmpty();
        assertThat(delivery.stats().lastError()).contains("held sink is down");

        ActivityRecord second = record(ActivityKind.LOGGED_OUT);
        store(second);
        delivery.kick();
        joinAll();
        assertThat(sink.received()).extracting(ActivityRecord::id).containsExactly(first.id(), second.id());
        assertThat(delivery.caughtUp()).isTrue();
    }

    // ----- helpers -----

    /** A delivery to the sink on the test's threads, retrying after 1 ms (as the interleaving property does). */
    private SinkDelivery delivery(Path dir, HeldSink sink, ScheduledExecutorService timer) {
        return delivery(dir, sink, timer, System::nanoTime);
    }

    /** The same, with the time source that paces cursor saves. */
    private SinkDelivery delivery(Path dir, HeldSink sink, ScheduledExecutorService timer, LongSupplier nanoTime) {
        return new SinkDelivery(sink, spool, new CursorStore(dir), threadPerRun, timer,
                new SinkDelivery.Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), new DeadLetters(dir,
                sink.name(), CLOCK), () -> { }, nanoTime);
    }

    private static ActivityRecord record(ActivityKind kind) {
        ActivityRecord.Builder b = ActivityRecord.builder(kind, "agent-1", CLOCK.instant());
        if (kind == ActivityKind.PHONE_EVENT) {
            b.event("{}");
        }
        return b.build();
    }

    private void store(ActivityRecord... records) {
        for (ActivityRecord r : records) {
            spool.append(r.toJson().getBytes(StandardCharsets.UTF_8));
        }
        spool.sync().join();
    }

    private void joinThread(int index) throws InterruptedException {
        Thread t;
        synchronized (threads) {
            t = threads.get(index);
        }
        t.join(WAIT_MS);
        assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
    }

    /** Joins every delivery thread, including those started while joining. */
    private void joinAll() throws InterruptedException {
        for (int i = 0; ; i++) {
            synchronized (threads) {
                if (i >= threads.size()) {
                    return;
                }
            }
            joinThread(i);
        }
    }

    private void awaitCondition(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        synchronized (signal) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.currentTimeMillis();
                assertThat(left).as("waiting until " + what).isPositive();
                signal.wait(Math.min(left, 10)); // woken by the sink and by ending runs; thread states are polled
            }
        }
    }

    /**
     * A sink that refuses its first {@code failures} calls (retryable) and then holds each batch until
     * {@link #release()}. Deliberately not synchronized: it counts how many deliveries are inside it at once.
     */
    private final class HeldSink implements ActivitySink {
        private final CountDownLatch gate = new CountDownLatch(1);
        private final List<ActivityRecord> received = new ArrayList<>();
        private int failuresLeft;
        private int inside;
        private int entered;
        volatile int maxInside;
        volatile boolean closed;

        HeldSink(int failures) {
            this.failuresLeft = failures;
        }

        @Override
        public String name() {
            return "held";
        }

        @Override
        public void deliver(List<ActivityRecord> records) throws ActivitySinkException {
            synchronized (signal) {
                inside++;
                maxInside = Math.max(maxInside, inside);
            }
            try {
                synchronized (signal) {
                    if (failuresLeft > 0) {
                        failuresLeft--;
                        throw ActivitySinkException.retryable("held sink is down", null);
                    }
                    entered++;
                    signal.notifyAll();
                }
                try {
                    if (!gate.await(WAIT_MS, TimeUnit.MILLISECONDS)) {
                        throw new IllegalStateException("the test never released the sink");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ActivitySinkException.retryable("interrupted", e);
                }
                synchronized (signal) {
                    received.addAll(records);
                }
            } finally {
                synchronized (signal) {
                    inside--;
                }
            }
        }

        void release() {
            gate.countDown();
        }

        int entered() {
            synchronized (signal) {
                return entered;
            }
        }

        List<ActivityRecord> received() {
            synchronized (signal) {
                return List.copyOf(received);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /**
     * A retry timer. While {@link #fireAtOnce} is set it fires a retry as soon as it is scheduled and returns only
     * when that retry is inside the sink or has ended, so the run that scheduled it is still finishing meanwhile;
     * otherwise it keeps retries queued (they never fire).
     */
    private final class InstantRetryTimer extends DelayOnlyScheduler {
        private final HeldSink sink;
        private final List<Runnable> queued = new ArrayList<>();
        volatile boolean fireAtOnce = true;

        InstantRetryTimer(HeldSink sink) {
            this.sink = sink;
        }

        synchronized int pending() {
            return queued.size();
        }

        /** Runs the timers queued so far (as if their time had come). */
        void runQueued() {
            List<Runnable> due;
            synchronized (this) {
                due = new ArrayList<>(queued);
                queued.clear();
            }
            due.forEach(Runnable::run);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (!fireAtOnce) {
                synchronized (this) {
                    queued.add(command);
                }
                return new Done();
            }
            int enteredBefore = sink.entered();
            int started;
            synchronized (threads) {
                started = threads.size();
            }
            command.run(); // hands the retry to the delivery executor: a new thread
            Thread retry;
            synchronized (threads) {
                retry = threads.get(started);
            }
            try {
                awaitCondition(() -> sink.entered() > enteredBefore || !retry.isAlive(), "the retry is in the sink");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Done();
        }

        @Override
        public void execute(Runnable command) {
            throw new UnsupportedOperationException("not used by SinkDelivery");
        }
    }

    /** A fired or queued timer, never cancelled. */
    private static final class Done extends CompletableFuture<Object> implements ScheduledFuture<Object> {
        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
