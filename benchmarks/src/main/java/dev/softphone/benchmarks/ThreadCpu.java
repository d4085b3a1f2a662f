package dev.softphone.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this process's threads grouped by what they do — the application's threads, the garbage collector's
 * pause workers, its concurrent refinement and marking threads, the JIT compilers — read from Linux's
 * {@code /proc/self/task/*}{@code /stat}, which lists the JVM's own threads too ({@code ThreadMXBean} sees Java
 * threads only). It shows where a difference in process CPU time comes from. Empty on other systems.
 */
final class ThreadCpu {
    /** Clock ticks per second of {@code /proc} times ({@code USER_HZ}); 100 on every Linux the JDK supports. */
    private static final double TICK_NANOS = 1e9 / 100;
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {
    }

    /** @return CPU nanoseconds (user + system) so far per thread group */
    static Map<String, Long> byGroup() {
        Map<String, Long> groups = new TreeMap<>();
        if (!Files.isDirectory(TASKS)) {
            return groups;
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                // "pid (name) state ..." — the name may hold spaces and parentheses, so cut at the last ')'
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String[] fields = stat.substring(close + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
                groups.merge(group(stat.substring(open + 1, close)), (long) (ticks * TICK_NANOS), Long::sum);
            }
        } catch (IOException e) {
            groups.clear();
        }
        return groups;
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
        if (threadName.equals("java") || threadName.equals("main")) {
            return "feeder";
        }
        return "other";
    }
}
