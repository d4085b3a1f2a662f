package dev.softphone.benchmarks;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.internal.SharedExecutors;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark 2: many phones in one JVM, each with the Amazon Connect plugin and its default executor (the shared
 * pool), fed changed snapshots from one feeding thread as a bridge server's socket threads would.
 *
 * <p>Measures, in one process: CPU time of the whole process per snapshot with one phone and with
 * {@code --phones} phones (default 10,000); retained heap per idle phone including its last observation (heap used
 * after full GCs, before and after building the phones and bringing each into a three-party call); threads added by
 * the phones. Process CPU time includes the GC's and the JIT's threads: with more phones the heap is bigger, and
 * the cost of collecting it belongs to the per-snapshot cost. A JMH harness would measure one thread's wall time;
 * this measures what the phones cost the machine.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar dev.softphone.benchmarks.ManyPhonesMain [--phones 10000]
 * [--snapshots 100000] [--out file.metrics.json]}.
 */
public final class ManyPhonesMain {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final AgentUpdates updates = AgentUpdates.create();
    private final AgentUpdates.Template[] changed;
    private final AgentUpdates.Template picture;
    private final LongAdder events = new LongAdder();
    private final PhoneListener counting = new PhoneListener() {
        @Override
        public void onEvent(PhoneEvent event) {
            events.increment();
        }
    };

    private ManyPhonesMain() {
        List<String> c = updates.changed();
        changed = c.stream().map(AgentUpdates.Template::new).toArray(AgentUpdates.Template[]::new);
        // every agent.update is a full picture: a phone joins straight into the call with the last one
        picture = changed[changed.length - 1];
    }

    /**
     * @param args {@code --phones N --snapshots N --out file}
     * @throws Exception when the measurement fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Args.parse(args, "--phones", "10000", "--snapshots", "100000", "--out", "");
        int phones = Integer.parseInt(opts.get("--phones"));
        int snapshots = Integer.parseInt(opts.get("--snapshots"));
        new ManyPhonesMain().run(phones, snapshots, opts.get("--out"));
    }

    /** GC pause time per snapshot in the last {@link #feed}: with many phones each change's state outlives a young
     *  collection, so G1 copies it; this shows how much of the CPU per snapshot that is. */
    private double lastGcMicrosPerSnapshot;
    /** Events delivered per snapshot in the last {@link #feed}: equal for one phone and many, or work was missed. */
    private double lastEventsPerSnapshot;

    private void run(int manyPhones, int snapshots, String out) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        StreamsBridgeHub hub = new StreamsBridgeHub();
        // warm up and measure one phone
        List<PhoneOnBridge> one = build(hub, "one-", 1);
        feed(one, snapshots / 2);
        double cpuOne = feed(one, snapshots);
        double eventsOne = lastEventsPerSnapshot;
        metrics.put("manyPhones.cpuNanosPerSnapshot.1", cpuOne);
        metrics.put("manyPhones.gcPauseMicrosPerSnapshot.1", lastGcMicrosPerSnapshot);
        System.out.printf("1 phone: %.0f ns CPU per snapshot, %.1f us of GC pauses per snapshot%n", cpuOne,
                lastGcMicrosPerSnapshot);

        long heapBefore = usedAfterGc();
        int threadsBefore = THREADS.getThreadCount();
        List<PhoneOnBridge> many = build(hub, "many-", manyPhones);
        long heapAfter = usedAfterGc();
        int threadsAfter = THREADS.getThreadCount();
        double perPhone = (double) (heapAfter - heapBefore) / manyPhones;
        metrics.put("manyPhones.retainedBytesPerPhone", perPhone);
        metrics.put("manyPhones.threadsAdded", (double) (threadsAfter - threadsBefore));
        System.out.printf("%d phones: %.0f bytes retained per idle phone, %d threads added (%d in all)%n",
                manyPhones, perPhone, threadsAfter - threadsBefore, threadsAfter);

        double cpuMany = feed(many, Math.max(snapshots, manyPhones));
        if (Math.abs(lastEventsPerSnapshot - eventsOne) > 0.01 * eventsOne) {
            throw new IllegalStateException(String.format("%.3f events per snapshot with %d phones but %.3f with one:"
                    + " the measurement ended before the phones did their work", lastEventsPerSnapshot, manyPhones,
                    eventsOne));
        }
        metrics.put("manyPhones.cpuNanosPerSnapshot." + manyPhones, cpuMany);
        metrics.put("manyPhones.gcPauseMicrosPerSnapshot." + manyPhones, lastGcMicrosPerSnapshot);
        System.out.printf("%d phones: %.1f us of GC pauses per snapshot%n", manyPhones, lastGcMicrosPerSnapshot);
        metrics.put("manyPhones.phones", (double) manyPhones);
        System.out.printf("%d phones: %.0f ns CPU per snapshot (%.2fx one phone)%n", manyPhones, cpuMany,
                cpuMany / cpuOne);
        many.forEach(PhoneOnBridge::close);
        one.forEach(PhoneOnBridge::close);
        if (!out.isEmpty()) {
            Args.writeMetrics(Path.of(out), metrics);
        }
    }

    private List<PhoneOnBridge> build(StreamsBridgeHub hub, String prefix, int n) {
        List<PhoneOnBridge> list = new ArrayList<>(n);
        String hello = updates.setup().get(0);
        for (int i = 0; i < n; i++) {
            PhoneOnBridge p = new PhoneOnBridge(hub, prefix + i, null, counting);
            p.play(List.of(hello));
            p.deliver(picture);
            list.add(p);
        }
        settle();
        return list;
    }

    /**
     * Feeds changed snapshots round-robin, each phone alternating its pictures, and waits until the phones have
     * handled them.
     *
     * @return process CPU nanoseconds per snapshot
     */
    private double feed(List<PhoneOnBridge> phones, int snapshots) {
        int[] next = new int[phones.size()];
        long eventsBefore = events.sum();
        long gc0 = gcPauseMillis();
        long cpu0 = processCpuNanos();
        for (int s = 0; s < snapshots; s++) {
            int p = s % phones.size();
            phones.get(p).deliver(changed[next[p]++ % changed.length]);
        }
        settle();
        long cpu = processCpuNanos() - cpu0;
        lastGcMicrosPerSnapshot = (gcPauseMillis() - gc0) * 1000.0 / snapshots;
        long delivered = events.sum() - eventsBefore;
        if (delivered < snapshots) {
            throw new IllegalStateException("only " + delivered + " events for " + snapshots
                    + " changed snapshots: the phones ignored some");
        }
        lastEventsPerSnapshot = (double) delivered / snapshots;
        return (double) cpu / snapshots;
    }

    /**
     * Waits until the phones' default executor (the SDK's own pool, not the common pool) has run every phone's
     * pending work, so the CPU it took is counted.
     */
    private static void settle() {
        ForkJoinPool pool = (ForkJoinPool) SharedExecutors.executor();
        while (!pool.awaitQuiescence(10, TimeUnit.SECONDS)) {
            System.out.println("waiting for the phones' executor to drain");
        }
    }

    /** @return the collectors' accumulated time (G1: the pauses), in milliseconds */
    private static long gcPauseMillis() {
        long ms = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, gc.getCollectionTime());
        }
        return ms;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
