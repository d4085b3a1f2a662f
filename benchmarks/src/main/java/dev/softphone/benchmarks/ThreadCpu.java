package dev.softphone.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of this process's threads grouped by what they do — the application's threads, the garbage collector's
 * pause workers, its concurrent refinement and marking threads, the JIT compilers, Jetty's pool, the simulated
 * pages — read from Linux's {@code /proc/self/task/*}{@code /schedstat} and {@code /stat} (see {@link #nanos}), which
 * list the JVM's own threads too ({@code ThreadMXBean} sees Java threads only). It shows where a difference in
 * process CPU time comes from. Empty on other systems. Thread-safe.
 */
final class ThreadCpu {
    /** Clock ticks per second of {@code /proc} times ({@code USER_HZ}); 100 on every Linux the JDK supports. */
    private static final double TICK_NANOS = 1e9 / 100;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Per task id, the CPU time that thread spent in {@link #byGroup()} so far, which is left out of its group. */
    private static final Map<String, Long> READING = new ConcurrentHashMap<>();

    private ThreadCpu() {
    }

    /**
     * Reads every thread's CPU time. A reading costs the calling thread about 20 ms of CPU with 450 threads, so the
     * readings leave what they cost out of its group: the command benchmark reads between slices of 0.25 s and
     * charged its pacing thread about 150 µs per request for it before.
     *
     * @return CPU nanoseconds (user + system) so far per thread group
     */
    static Map<String, Long> byGroup() {
        long start = THREADS.getCurrentThreadCpuTime();
        String self = ownTask();
        String group = self == null ? null : groupOf(self);
        Map<String, Long> groups = read();
        if (group != null && start >= 0) {
            groups.merge(group, -READING.merge(self, THREADS.getCurrentThreadCpuTime() - start, Long::sum),
                    Long::sum);
        }
        return groups;
    }

    /** @return the group of the calling thread, or null where {@code /proc} has no entry for it */
    static String groupOfCurrentThread() {
        String self = ownTask();
        return self == null ? null : groupOf(self);
    }

    /** @return this thread's task id in {@code /proc}, or null where there is none */
    private static String ownTask() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static String groupOf(String task) {
        try {
            String stat = Files.readString(TASKS.resolve(task).resolve("stat"));
            return group(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Long> read() {
        Map<String, Long> groups = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return groups;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                String schedstat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                    schedstat = Files.isReadable(task.resolve("schedstat"))
                            ? Files.readString(task.resolve("schedstat")) : null;
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                // "pid (name) state ..." — the name may hold spaces and parentheses, so cut at the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                groups.merge(group(stat.substring(open + 1, close)), nanos(stat.substring(close + 2), schedstat),
                        Long::sum);
            }
        } catch (IOException e) {
            groups.clear();
        }
        return groups;
    }

    /**
     * A thread's CPU time: the scheduler's exact run time ({@code schedstat}'s first field, in nanoseconds) where the
     * kernel has it, else {@code stat}'s utime + stime. Those are sampled at the timer tick, which charges a whole
     * tick to whichever thread runs then; threads that wake for some microseconds in step with a timer are badly
     * served: in the command benchmark the pages' readers read 0.5 to 22 µs per request by ticks, 58 to 70 µs
     * exactly.
     *
     * @param statAfterName the thread's {@code stat} after {@code "(name) "}, from its state on
     * @param schedstat     the thread's {@code schedstat}, or null where there is none
     * @return CPU nanoseconds so far
     */
    static long nanos(String statAfterName, String schedstat) {
        if (schedstat != null) {
            int end = schedstat.indexOf(' ');
            if (end > 0) {
                return Long.parseLong(schedstat.substring(0, end));
            }
        }
        String[] fields = statAfterName.split(" ");
        return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS); // utime, stime
    }

    /**
     * Adds the CPU time spent per group from {@code before} to {@code after} into {@code sums}.
     *
     * @param sums   running totals per group, in nanoseconds
     * @param before a reading
     * @param after  a later reading
     */
    static void accumulate(Map<String, Long> sums, Map<String, Long> before, Map<String, Long> after) {
        after.forEach((group, nanos) -> sums.merge(group, nanos - before.getOrDefault(group, 0L), Long::sum));
    }

    /** @return per group, the CPU nanoseconds from {@code before} to {@code after} divided by {@code per} */
    static Map<String, Double> perUnit(Map<String, Long> before, Map<String, Long> after, long per) {
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((group, nanos) -> {
            long spent = nanos - before.getOrDefault(group, 0L);
            if (spent > 0) {
                out.put(group, (double) spent / per);
            }
        });
        return out;
    }

    private static String group(String threadName) {
        if (threadName.startsWith("GC Thread")) {
            return "gcPauses";
        }
        if (threadName.startsWith("G1 Refine")) {
            return "gcRefinement";
        }
        if (threadName.startsWith("G1 Conc") || threadName.startsWith("G1 Main")) {
            return "gcMarking";
        }
        if (threadName.startsWith("C1 Compiler") || threadName.startsWith("C2 Compiler")) {
            return "jit";
        }
        if (threadName.startsWith("softphone-worke")) { // the SDK's pool; Linux keeps 15 characters of a name
            return "phonePool";
        }
        if (threadName.startsWith("qtp")) { // Jetty's pool
            return "jetty";
        }
        if (threadName.startsWith(LoadPage.THREADS)) {
            return "pages";
        }
        if (threadName.equals("java") || threadName.equals("main")) {
            return "feeder";
        }
        return "other";
    }
}
