package dev.softphone.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * One side of the throughput comparison: a set of pages with their {@link SnapshotStream}s and the feeding threads
 * that send to a page whenever its window has room. A page is handed to its feeding thread when its stream starts and
 * whenever one of its snapshots was processed. Measured in slices ({@link #slice(double)}): open the streams, count
 * the snapshots processed over a wall-clock window, close the streams and wait until nothing is in flight, so the
 * other side's slice runs on a quiet process.
 */
final class SnapshotLoad implements AutoCloseable {
    private final String name;
    private final List<SnapshotStream> streams;
    private final List<BlockingQueue<Integer>> queues = new ArrayList<>();
    private final List<Thread> feeders = new ArrayList<>();
    private final LongAdder processed = new LongAdder();
    private final AtomicLong errors;
    private final Predicate<String> ownThreads;
    private long count;
    private long nanos;
    private long cpuNanos;
    private long ownCpuNanos;

    /**
     * What one slice measured.
     *
     * @param snapshots snapshots processed in the window
     * @param nanos     the window's length
     */
    record Slice(long snapshots, long nanos) {
    }

    /**
     * @param name       for thread names and messages
     * @param streams    one per page
     * @param feederCount how many feeding threads (page {@code p} belongs to thread {@code p % feederCount})
     * @param send       sends page {@code p} the given message bytes (on its feeding thread)
     * @param ownThreads names the threads whose CPU time is reported apart (the simulated pages'), or none
     * @param errors     counts failures
     */
    SnapshotLoad(String name, List<SnapshotStream> streams, int feederCount, BiConsumer<Integer, byte[]> send,
                 Predicate<String> ownThreads, AtomicLong errors) {
        this.name = name;
        this.streams = streams;
        this.errors = errors;
        this.ownThreads = ownThreads;
        for (int f = 0; f < feederCount; f++) {
            BlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
            queues.add(queue);
            Thread t = new Thread(() -> feed(queue, send), name + "-feeder-" + f);
            t.setDaemon(true);
            t.start();
            feeders.add(t);
        }
    }

    /**
     * Tells the load that page {@code p} processed {@code n} snapshots (called from the phone's listener).
     *
     * @param p the page
     * @param n how many
     */
    void processed(int p, int n) {
        processed.add(n);
        queues.get(p % queues.size()).add(p);
    }

    private void feed(BlockingQueue<Integer> queue, BiConsumer<Integer, byte[]> send) {
        try {
            while (true) {
                int p = queue.take();
                if (p < 0) {
                    return;
                }
                SnapshotStream s = streams.get(p);
                while (s.hasCredit()) {
                    send.accept(p, s.next());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            System.err.println(Thread.currentThread().getName() + " failed: " + e);
        }
    }

    /**
     * Runs one slice: opens every stream, lets it fill, counts processed snapshots over {@code seconds}, closes the
     * streams and waits until every snapshot sent was processed.
     *
     * @param seconds the counted window
     * @return what it measured (also added to the totals)
     * @throws InterruptedException when interrupted
     */
    Slice slice(double seconds) throws InterruptedException {
        for (int p = 0; p < streams.size(); p++) {
            streams.get(p).start();
            queues.get(p % queues.size()).add(p);
        }
        // Sleeping is the measurement here: the counter is read at both ends of a wall-clock window.
        Thread.sleep(50);
        long before = processed.sum();
        long cpu0 = processCpuNanos();
        long own0 = threadsCpuNanos(ownThreads);
        long t0 = System.nanoTime();
        Thread.sleep(Math.round(seconds * 1000));
        Slice slice = new Slice(processed.sum() - before, System.nanoTime() - t0);
        cpuNanos += processCpuNanos() - cpu0;
        ownCpuNanos += threadsCpuNanos(ownThreads) - own0;
        streams.forEach(SnapshotStream::stop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (streams.stream().anyMatch(s -> s.inFlight() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling a condition other threads satisfy; it ends as soon as it holds
        }
        long lost = streams.stream().mapToLong(SnapshotStream::inFlight).sum();
        if (lost > 0) {
            errors.addAndGet(lost);
            System.err.println(name + ": " + lost + " snapshots were sent and not processed within 30 s");
        }
        count += slice.snapshots();
        nanos += slice.nanos();
        return slice;
    }

    /** Forgets the slices so far (the warm-up). */
    void reset() {
        count = 0;
        nanos = 0;
        cpuNanos = 0;
        ownCpuNanos = 0;
    }

    /** @return snapshots processed per second over every slice since the last {@link #reset()} */
    double perSecond() {
        return count / (nanos / 1e9);
    }

    /** @return process CPU time per processed snapshot over every slice, in microseconds */
    double cpuMicrosPerSnapshot() {
        return cpuNanos / 1e3 / Math.max(1, count);
    }

    /** @return the part of {@link #cpuMicrosPerSnapshot()} spent by the threads named apart (a lower bound) */
    double ownThreadsCpuMicrosPerSnapshot() {
        return ownCpuNanos / 1e3 / Math.max(1, count);
    }

    /** @return events delivered beyond what the snapshots sent explain (should be 0) */
    long unexpectedEvents() {
        return streams.stream().mapToLong(SnapshotStream::unexpectedEvents).sum();
    }

    /** Ends the feeding threads. */
    @Override
    public void close() throws InterruptedException {
        queues.forEach(q -> q.add(-1));
        for (Thread t : feeders) {
            t.join();
        }
    }

    /** A thread that ends between two calls loses its time, so this is a lower bound. */
    private static long threadsCpuNanos(Predicate<String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (names.test(t.getName())) {
                sum += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return sum;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
