package dev.softphone.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CPU time of this process's threads grouped by what they do — the application's threads, the garbage collector's
 * pause workers, its concurrent refinement and marking threads, the JIT compilers, Jetty's pool, the simulated
 * pages — read from Linux's {@code /proc/self/task/*}{@code /schedstat} and {@code /stat} (see {@link #nanos}), which
 * list the JVM's own threads too ({@code ThreadMXBean} sees Java threads only). It shows where a difference in
 * process CPU time comes from. A {@link Reading} keeps each thread apart, so what a thread spent between two readings
 * is counted even when other threads end or start in between (a thread that ended is left out; its last moments are
 * lost, not its whole life). Empty on other systems. Thread-safe.
 */
final class ThreadCpu {
    /** Clock ticks per second of {@code /proc} times ({@code USER_HZ}); 100 on every Linux the JDK supports. */
    private static final double TICK_NANOS = 1e9 / 100;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Per thread (task id and start time), the CPU time it spent in {@link #read()} so far, left out of its count. */
    private static final Map<String, Long> READING = new ConcurrentHashMap<>();

    private ThreadCpu() {
    }

    /**
     * One thread in a reading.
     *
     * @param group its group
     * @param nanos its CPU nanoseconds so far
     */
    record ThreadTime(String group, long nanos) {
    }

    /**
     * Every thread's CPU time at one moment, by thread (task id and start time, so a reused id is another thread).
     *
     * @param threads the threads
     */
    record Reading(Map<String, ThreadTime> threads) {
        /** @return CPU nanoseconds so far per group, over the threads alive at this reading */
        Map<String, Long> byGroup() {
            Map<String, Long> groups = new TreeMap<>();
            threads.values().forEach(t -> groups.merge(t.group(), t.nanos(), Long::sum));
            return groups;
        }
    }

    /**
     * Reads every thread's CPU time. A reading costs the calling thread about 20 ms of CPU with 450 threads, so the
     * calling thread's own count leaves out what its readings cost: the command benchmark reads between slices of
     * 0.25 s and charged its pacing thread about 150 µs per request for it before. (Another thread's readings are
     * counted as its work.) The calling thread's count is taken from its exact CPU clock rather than from
     * {@code schedstat}, which for a running thread may lag by up to a tick.
     *
     * @return the reading
     */
    static Reading read() {
        long start = THREADS.getCurrentThreadCpuTime();
        String self = ownTask();
        Map<String, ThreadTime> threads = new HashMap<>();
        String selfKey = null;
        if (Files.isDirectory(TASKS)) {
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
                for (Path task : tasks) {
                    String stat;
                    String schedstat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                        Path sched = task.resolve("schedstat");
                        schedstat = Files.isReadable(sched) ? Files.readString(sched) : null;
                    } catch (IOException ended) {
                        continue; // the thread ended meanwhile
                    }
                    // "pid (name) state ..." — the name may hold spaces and parentheses, so cut at the last ')'
                    int close = stat.lastIndexOf(')');
                    String afterName = stat.substring(close + 2);
                    String id = task.getFileName().toString();
                    String key = id + "@" + afterName.split(" ")[19]; // starttime, field 22
                    if (id.equals(self)) {
                        selfKey = key;
                    }
                    threads.put(key, new ThreadTime(group(stat.substring(stat.indexOf('(') + 1, close)),
                            nanos(afterName, schedstat)));
                }
            } catch (IOException e) {
                threads.clear();
            }
        }
        if (selfKey != null && start >= 0 && threads.containsKey(selfKey)) {
            ThreadTime me = threads.get(selfKey);
            long before = READING.getOrDefault(selfKey, 0L);
            threads.put(selfKey, new ThreadTime(me.group(), start - before));
            READING.put(selfKey, before + THREADS.getCurrentThreadCpuTime() - start);
        }
        return new Reading(threads);
    }

    /**
     * What each group spent from one reading to a later one: per thread, its CPU at {@code after} less its CPU at
     * {@code before} (0 for a thread that started in between); threads that ended in between are left out.
     *
     * @param before a reading
     * @param after  a later reading
     * @return CPU nanoseconds per group, never negative
     */
    static Map<String, Long> spent(Reading before, Reading after) {
        Map<String, Long> groups = new TreeMap<>();
        after.threads().forEach((key, t) -> {
            ThreadTime then = before.threads().get(key);
            groups.merge(t.group(), Math.max(0, t.nanos() - (then == null ? 0 : then.nanos())), Long::sum);
        });
        return groups;
    }

    /** @return this thread's task id in {@code /proc}, or null where there is none */
    static String ownTask() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * A thread's CPU time: the scheduler's exact run time ({@code schedstat}'s first field, in nanoseconds) where the
     * kernel has it, else {@code stat}'s utime + stime. Those are sampled at the timer tick, which charges a whole
     * tick to whichever thread runs then; threads that wake for some microseconds in step with a timer are badly
     * served: in the command benchmark the pages' readers read 0.5 to 22 µs per request by ticks, 58 to 70 µs
     * exactly. A kernel without scheduler statistics shows zeros there, so zero falls back to the ticks.
     *
     * @param statAfterName the thread's {@code stat} after {@code "(name) "}, from its state on
     * @param schedstat     the thread's {@code schedstat}, or null where there is none
     * @return CPU nanoseconds so far
     */
    static long nanos(String statAfterName, String schedstat) {
        if (schedstat != null) {
            int end = schedstat.indexOf(' ');
            long exact = end > 0 ? Long.parseLong(schedstat.substring(0, end)) : 0;
            if (exact > 0) {
                return exact;
            }
        }
        String[] fields = statAfterName.split(" ");
        return (long) ((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS); // utime, stime
    }

    /**
     * Adds what each group spent from {@code before} to {@code after} ({@link #spent}) into {@code sums}.
     *
     * @param sums   running totals per group, in nanoseconds
     * @param before a reading
     * @param after  a later reading
     */
    static void accumulate(Map<String, Long> sums, Reading before, Reading after) {
        spent(before, after).forEach((group, nanos) -> sums.merge(group, nanos, Long::sum));
    }

    /** @return per group that spent anything, its CPU nanoseconds from {@code before} to {@code after} / {@code per} */
    static Map<String, Double> perUnit(Reading before, Reading after, long per) {
        Map<String, Double> out = new LinkedHashMap<>();
        spent(before, after).forEach((group, nanos) -> {
            if (nanos > 0) {
                out.put(group, (double) nanos / per);
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
