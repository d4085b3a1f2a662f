package dev.softphone.benchmarks;

import dev.softphone.Direction;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivityReporting;
import dev.softphone.activity.ActivitySink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark 4: records per second durably accepted by the activity spool, against appending the same bytes to a
 * plain file with the same fsync policy.
 *
 * <p>One operation is a burst of {@value #BURST} records handed over at once — what a busy contact center's phones
 * produce while one fsync is under way. The spool gets them through
 * {@link ActivityReporting#record(ActivityRecord)} (JSON encoding, hand-off buffer, writer thread, framing, CRC,
 * group commit, completing each future). The baseline writes the very same JSON bytes with one write and one
 * {@code force(false)} per burst: the best any group commit of those bytes can do. Both write to the directory named
 * by {@code -Dbench.dir} (default: the system temp directory), so both pay the same disk.
 */
@State(Scope.Benchmark)
public class SpoolBenchmark {
    /** Records per operation (per group commit in the baseline). */
    public static final int BURST = 256;

    private ActivityRecord[] records;
    private byte[][] encoded;
    private Path dir;
    private ActivityReporting reporting;
    private FileChannel plain;
    private ByteBuffer out;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    /**
     * Builds the records (typical call records with a few attributes, about 400 bytes of JSON each) and opens a fresh
     * spool and a fresh plain file.
     *
     * @throws IOException when the directory cannot be used
     */
    @Setup(Level.Trial)
    public void open() throws IOException {
        records = new ActivityRecord[BURST];
        encoded = new byte[BURST][];
        Instant t0 = Instant.parse("2026-11-29T09:00:00Z");
        int total = 0;
        for (int i = 0; i < BURST; i++) {
            records[i] = ActivityRecord.builder(ActivityKind.CALL_ANSWERED, "agent-" + (i % 50), t0.plusMillis(i))
                    .id("rec-" + i).seq(i).callId("c-" + i).direction(Direction.INBOUND).remote("+4930123456" + i % 10)
                    .queue("BasicQueue").ringTime(Duration.ofSeconds(4)).holdTime(Duration.ZERO)
                    .attribute("contactId", "3f1b2c7e-8a9d-4e5f-a6b7-" + String.format("%012d", i))
                    .build();
            encoded[i] = records[i].toJson().getBytes(StandardCharsets.UTF_8);
            total += encoded[i].length;
        }
        out = ByteBuffer.allocateDirect(total + 8 * BURST);
        Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        dir = Files.createTempDirectory(base, "spool-bench-");
        reporting = ActivityReporting.builder().spoolDirectory(dir.resolve("spool")).sink(new DiscardingSink())
                // a full run writes several GB; the default 1 GiB bound would refuse records once delivery lags
                .maxSpoolBytes(16L << 30).rawEvents(false).build();
        plain = FileChannel.open(dir.resolve("plain.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    /**
     * Closes both and deletes the directory.
     *
     * @throws IOException when it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void close() throws IOException {
        inFlight.join();
        var stats = reporting.stats();
        if (stats.accepted() > 0) {
            System.out.printf("%nspool: %d records accepted with %d fsyncs (%.1f records per fsync)%n",
                    stats.accepted(), stats.fsyncs(), (double) stats.accepted() / Math.max(1, stats.fsyncs()));
        }
        reporting.close();
        plain.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The spool as phones use it: they keep recording while earlier records are being made durable. Each operation
     * hands over a burst and then waits for the burst handed over by the previous operation, so two bursts are in
     * flight and the writer's group commit takes whatever has arrived during the previous fsync.
     *
     * @return the fsync count, so the work cannot be optimized away
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long spool() {
        CompletableFuture<Void> previous = inFlight;
        inFlight = CompletableFuture.allOf(handOverBurst());
        previous.join();
        return reporting.stats().fsyncs();
    }

    /**
     * The spool with no overlap: hand over a burst, wait until all of it is durable. Two thread hand-offs per burst
     * and an fsync of whatever the writer saw first; shown in the table, not a target.
     *
     * @return the fsync count, so the work cannot be optimized away
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long spoolBurstThenWait() {
        CompletableFuture.allOf(handOverBurst()).join();
        return reporting.stats().fsyncs();
    }

    private CompletableFuture<?>[] handOverBurst() {
        CompletableFuture<?>[] done = new CompletableFuture<?>[BURST];
        for (int i = 0; i < BURST; i++) {
            done[i] = reporting.record(records[i]);
        }
        return done;
    }

    /**
     * The baseline: the same bytes, one write and one fsync per burst.
     *
     * @return the file's position
     * @throws IOException when the disk fails
     */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public long plainAppendFsync() throws IOException {
        out.clear();
        for (byte[] b : encoded) {
            out.put(b).put((byte) '\n');
        }
        out.flip();
        while (out.hasRemaining()) {
            plain.write(out);
        }
        plain.force(false);
        return plain.position();
    }

    /** A sink that wants nothing, so the benchmark measures acceptance, not delivery. */
    private static final class DiscardingSink implements ActivitySink {
        @Override
        public String name() {
            return "discard";
        }

        @Override
        public boolean accepts(ActivityRecord record) {
            return false;
        }

        @Override
        public void deliver(List<ActivityRecord> records) {
            // accepts nothing, so never called with records
        }
    }
}
