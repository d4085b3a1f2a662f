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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * <p>Both sides are measured in their steady state, as JMH measures after warm-up iterations: the one phone after
 * {@code --snapshots / 2} snapshots, the many phones after every phone went once through the whole cycle of
 * pictures. Then {@code --rounds} paired rounds (one phone, then the many) share the machine's state of the moment,
 * and the medians are compared. Each round also splits the CPU time by thread group ({@link ThreadCpu}: feeder,
 * phone pool, GC pauses, GC refinement, JIT), so a difference shows where it comes from.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar dev.softphone.benchmarks.ManyPhonesMain [--phones 10000]
 * [--snapshots 100000] [--rounds 5] [--out file.metrics.json]}.
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
        Map<String, String> opts = Args.parse(args, "--phones", "10000", "--snapshots", "100000", "--rounds", "5",
                "--out", "");
        int phones = Integer.parseInt(opts.get("--phones"));
        int snapshots = Integer.parseInt(opts.get("--snapshots"));
        int rounds = Integer.parseInt(opts.get("--rounds"));
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
        }
        new ManyPhonesMain().run(phones, snapshots, rounds, opts.get("--out"));
    }

    /** GC pause time per snapshot in the last {@link #feed}: with many phones each change's state outlives a young
     *  collection, so G1 copies it; this shows how much of the CPU per snapshot that is. */
    private double lastGcMicrosPerSnapshot;
    /** Events delivered per snapshot in the last {@link #feed}: equal for one phone and many, or work was missed. */
    private double lastEventsPerSnapshot;
    /** CPU nanoseconds per snapshot in the last {@link #feed}, per thread group ({@link ThreadCpu}). */
    private Map<String, Double> lastGroups = Map.of();

    private void run(int manyPhones, int snapshots, int rounds, String out) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>();
        StreamsBridgeHub hub = new StreamsBridgeHub();
        List<PhoneOnBridge> one = build(hub, "one-", 1);
        feed(one, snapshots / 2); // warm-up: the JIT compiles the snapshot path

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
        // warm-up: every phone goes through whole cycles of pictures once, so what the phones replace on a change
        // has reached the old generation as it has in a long-running server, and the paths that only many phones
        // take (a lane per snapshot) are compiled
        feed(many, manyPhones * changed.length);

        // Paired rounds, one phone then many, so that both sides of each ratio see the same machine; the medians
        // are compared.
        int manySnapshots = Math.max(snapshots, manyPhones);
        double[] cpuOne = new double[rounds];
        double[] cpuMany = new double[rounds];
        Map<String, Double> groupsOne = new TreeMap<>();
        Map<String, Double> groupsMany = new TreeMap<>();
        double gcOne = 0;
        double gcMany = 0;
        for (int r = 0; r < rounds; r++) {
            cpuOne[r] = feed(one, snapshots);
            double eventsOne = lastEventsPerSnapshot;
            gcOne += lastGcMicrosPerSnapshot / rounds;
            lastGroups.forEach((g, v) -> groupsOne.merge(g, v / rounds, Double::sum));
            cpuMany[r] = feed(many, manySnapshots);
            if (Math.abs(lastEventsPerSnapshot - eventsOne) > 0.01 * eventsOne) {
                throw new IllegalStateException(String.format("%.3f events per snapshot with %d phones but %.3f with "
                        + "one: the measurement ended before the phones did their work", lastEventsPerSnapshot,
                        manyPhones, eventsOne));
            }
            gcMany += lastGcMicrosPerSnapshot / rounds;
            lastGroups.forEach((g, v) -> groupsMany.merge(g, v / rounds, Double::sum));
            System.out.printf("round %d: 1 phone %.0f ns, %d phones %.0f ns CPU per snapshot (%.2fx)%n", r + 1,
                    cpuOne[r], manyPhones, cpuMany[r], cpuMany[r] / cpuOne[r]);
        }
        double medianOne = median(cpuOne);
        double medianMany = median(cpuMany);
        metrics.put("manyPhones.rounds", (double) rounds);
        metrics.put("manyPhones.cpuNanosPerSnapshot.1", medianOne);
        metrics.put("manyPhones.cpuNanosPerSnapshot." + manyPhones, medianMany);
        metrics.put("manyPhones.gcPauseMicrosPerSnapshot.1", gcOne);
        metrics.put("manyPhones.gcPauseMicrosPerSnapshot." + manyPhones, gcMany);
        groupsOne.forEach((g, v) -> metrics.put("manyPhones.cpuNanosPerSnapshot.1." + g, v));
        groupsMany.forEach((g, v) -> metrics.put("manyPhones.cpuNanosPerSnapshot." + manyPhones + "." + g, v));
        metrics.put("manyPhones.phones", (double) manyPhones);
        System.out.printf("where the CPU per snapshot goes (ns, mean of the rounds): 1 phone %s; %d phones %s%n",
                rounded(groupsOne), manyPhones, rounded(groupsMany));
        System.out.printf("GC pauses per snapshot: 1 phone %.1f us, %d phones %.1f us%n", gcOne, manyPhones, gcMany);
        System.out.printf("median of %d rounds: 1 phone %.0f ns, %d phones %.0f ns CPU per snapshot (%.2fx one "
                + "phone)%n", rounds, medianOne, manyPhones, medianMany, medianMany / medianOne);
        many.forEach(PhoneOnBridge::close);
        one.forEach(PhoneOnBridge::close);
        if (!out.isEmpty()) {
            Args.writeMetrics(Path.of(out), metrics);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, Long> rounded(Map<String, Double> groups) {
        Map<String, Long> out = new TreeMap<>();
        groups.forEach((g, v) -> out.put(g, Math.round(v)));
        return out;
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
        ThreadCpu.Reading groups0 = ThreadCpu.read();
        long cpu0 = processCpuNanos();
        for (int s = 0; s < snapshots; s++) {
            int p = s % phones.size();
            phones.get(p).deliver(changed[next[p]++ % changed.length]);
        }
        settle();
        long cpu = processCpuNanos() - cpu0;
        lastGroups = ThreadCpu.perUnit(groups0, ThreadCpu.read(), snapshots);
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
