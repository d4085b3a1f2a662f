package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.SpoolFullPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Closing the activity pipeline (docs/reporting.md, shutdown)")
class ActivityPipelineCloseTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);

    /** A sink whose delivery hangs until the test lets it go (a reporting target that stopped answering). */
    private static final class HangingSink implements ActivitySink {
        private final String name;
        private final CountDownLatch entered;
        private final CountDownLatch release;
        final AtomicInteger closed = new AtomicInteger();

        HangingSink(String name, CountDownLatch entered, CountDownLatch release) {
            this.name = name;
            this.entered = entered;
            this.release = release;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(List<ActivityRecord> records) {
            entered.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    @DisplayName("two sinks hanging in a delivery share one wait when the pipeline closes, instead of one wait each, "
            + "and both are closed")
    void hangingSinksShareOneWait(@TempDir Path dir) throws Exception {
        CountDownLatch entered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        HangingSink a = new HangingSink("a", entered, release);
        HangingSink b = new HangingSink("b", entered, release);
        ExecutorService deliveries = Executors.newFixedThreadPool(2);
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor();
        try {
            ActivityPipeline pipeline = new ActivityPipeline(dir, new DiskSpool.Options(1 << 20, 64L << 20, 1_000,
                    SpoolFullPolicy.REJECT_NEW), List.of(a, b), deliveries, retries,
                    new SinkDelivery.Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), CLOCK, null);
            pipeline.accept(ActivityRecord.builder(ActivityKind.LOGGED_IN, "agent-1", CLOCK.instant()).build())
                    .get(10, TimeUnit.SECONDS);
            assertThat(entered.await(10, TimeUnit.SECONDS)).as("both sinks are inside a delivery").isTrue();

            // A bound with wide margins, not a performance figure: one shared wait takes about 1.5 s, a wait per
            // sink at least 3 s.
            Duration wait = Duration.ofMillis(1_500);
            long start = System.nanoTime();
            pipeline.close(wait);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertThat(tookMs).as("close waited for the batches in delivery").isGreaterThanOrEqualTo(1_400);
            assertThat(tookMs).as("close waited once for both, not once per sink").isLessThan(2_900);
            assertThat(a.closed.get()).isEqualTo(1);
            assertThat(b.closed.get()).isEqualTo(1);
        } finally {
            // The released runs finish their batch (and may still write a cursor) before the directory goes away.
            release.countDown();
            deliveries.shutdown();
            assertThat(deliveries.awaitTermination(30, TimeUnit.SECONDS)).as("the delivery runs ended").isTrue();
            retries.shutdownNow();
        }
    }
}
