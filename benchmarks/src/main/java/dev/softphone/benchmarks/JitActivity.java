package dev.softphone.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Tells when the JIT has finished with what a warm-up runs, from the JVM's total compilation time
 * ({@link CompilationMXBean}). A fixed warm-up is not enough on a small machine: with two cores, the command path's
 * outermost methods (the benchmark's request, {@code DefaultPhone.submit}, Jackson's writer) got their final C2
 * compilation, 0.1 to 0.5 s each, 15 to 30 s into the run, inside the measured turns, where the compiler threads
 * took the cores from the requests. The warm-up goes on until the JIT compiled for at most
 * {@value #QUIET_MILLIS_PER_SECOND} ms per second over the last {@value #WINDOW} turns. The JVM adds a compilation's
 * time when it finishes, so this means "nothing (much) finished lately": a long compilation still running when the
 * warm-up ends is not seen, and shows up in the measured side's {@code jit} CPU ({@link ThreadCpu}). Not thread-safe.
 */
final class JitActivity {
    /** At most this much compilation per second of wall time counts as done (1% of a core). */
    static final double QUIET_MILLIS_PER_SECOND = 10;
    /** How many turns the rate is taken over. */
    static final int WINDOW = 4;

    private final LongSupplier clockNanos;
    /** The JIT's total compilation time in milliseconds, or null where the JVM does not report it. */
    private final LongSupplier compileMillis;
    private final Deque<long[]> turns = new ArrayDeque<>();

    /** Watches this JVM's JIT. */
    JitActivity() {
        this(System::nanoTime, compilerOfThisJvm());
    }

    /**
     * @param clockNanos    a monotonic clock
     * @param compileMillis the JIT's total compilation time so far in milliseconds, or null when unknown
     */
    JitActivity(LongSupplier clockNanos, LongSupplier compileMillis) {
        this.clockNanos = clockNanos;
        this.compileMillis = compileMillis;
        turns.add(reading());
    }

    private static LongSupplier compilerOfThisJvm() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler::getTotalCompilationTime : null;
    }

    /** One turn of the warm-up ended: remember the JIT's total so far. */
    void turnEnded() {
        turns.add(reading());
        while (turns.size() > WINDOW + 1) {
            turns.removeFirst();
        }
    }

    /**
     * @return true when the last {@link #WINDOW} turns were seen and the JIT compiled for at most
     *         {@link #QUIET_MILLIS_PER_SECOND} ms per second during them; also true where the JVM does not report
     *         compilation time (nothing to wait for)
     */
    boolean quiet() {
        if (compileMillis == null) {
            return true;
        }
        return turns.size() > WINDOW && lastMillisPerSecond() <= QUIET_MILLIS_PER_SECOND;
    }

    /** @return compilation milliseconds per second of wall time over the turns remembered (NaN before two) */
    double lastMillisPerSecond() {
        if (turns.size() < 2) {
            return Double.NaN;
        }
        long[] first = turns.getFirst();
        long[] last = turns.getLast();
        return (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    }

    private long[] reading() {
        return new long[] {clockNanos.getAsLong(), compileMillis == null ? 0 : compileMillis.getAsLong()};
    }
}
