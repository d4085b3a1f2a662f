package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link ThreadCpu}: the per-thread-group CPU split that shows where a difference in process CPU comes from. */
@DisplayName("ThreadCpu: CPU time by thread group")
class ThreadCpuTest {

    @Test
    @DisplayName("finds this JVM's threads in /proc and counts a busy thread's CPU in its group by its name")
    void countsBusyThread() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy = new Thread(() -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        }, "softphone-worker-test");
        busy.start();
        try {
            // until the kernel has charged the spinning thread a tick; it runs until told to stop, so it is there
            while (ThreadCpu.read().byGroup().getOrDefault("phonePool", 0L) == 0) {
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            busy.join();
        }
        assertThat(ThreadCpu.read().byGroup()).containsKey("jit");
    }

    @Test
    @DisplayName("takes the scheduler's exact run time from schedstat, and stat's sampled ticks without it or at zero")
    void exactRunTime() {
        String afterName = "S 1 2 3 4 5 6 7 8 9 10 250 30 0 0"; // state, then fields 4..; utime 250, stime 30 ticks

        assertThat(ThreadCpu.nanos(afterName, "123456789 555 7\n")).isEqualTo(123_456_789L);
        assertThat(ThreadCpu.nanos(afterName, null)).isEqualTo(2_800_000_000L);
        assertThat(ThreadCpu.nanos(afterName, "0 0 0\n")).as("scheduler statistics off").isEqualTo(2_800_000_000L);
    }

    @Test
    @DisplayName("counts per thread: a thread that started in between from zero, one that ended not at all")
    void perThread() {
        ThreadCpu.Reading before = new ThreadCpu.Reading(Map.of(
                "10@1", new ThreadCpu.ThreadTime("jetty", 5_000),
                "11@1", new ThreadCpu.ThreadTime("jetty", 900_000), // ends in between: its life must not count
                "12@1", new ThreadCpu.ThreadTime("feeder", 100)));
        ThreadCpu.Reading after = new ThreadCpu.Reading(Map.of(
                "10@1", new ThreadCpu.ThreadTime("jetty", 7_000),
                "13@9", new ThreadCpu.ThreadTime("jetty", 400), // started in between
                "12@1", new ThreadCpu.ThreadTime("feeder", 100)));

        assertThat(ThreadCpu.spent(before, after)).containsOnly(Map.entry("jetty", 2_400L), Map.entry("feeder", 0L));
        assertThat(ThreadCpu.perUnit(before, after, 100)).containsOnly(Map.entry("jetty", 24.0));
        assertThat(after.byGroup()).containsOnly(Map.entry("jetty", 7_400L), Map.entry("feeder", 100L));
    }

    @Test
    @DisplayName("leaves the reading's own CPU out of the reading thread's count, so frequent readings cost nothing")
    void readingLeftOut() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] charged = new long[1];
        long[] spentReading = new long[1];
        // a thread that does nothing but read; its own entry in the readings
        Thread reader = new Thread(() -> {
            long cpuBefore = threads.getCurrentThreadCpuTime();
            ThreadCpu.Reading before = ThreadCpu.read();
            for (int i = 0; i < 50; i++) {
                ThreadCpu.read();
            }
            ThreadCpu.Reading after = ThreadCpu.read();
            spentReading[0] = threads.getCurrentThreadCpuTime() - cpuBefore;
            String self = ThreadCpu.ownTask() + "@";
            charged[0] = after.threads().entrySet().stream().filter(e -> e.getKey().startsWith(self))
                    .mapToLong(e -> e.getValue().nanos() - before.threads().get(e.getKey()).nanos())
                    .findFirst().orElse(-1);
        }, "reader");
        reader.start();
        reader.join();

        assertThat(charged[0]).as("CPU charged to the reader while it spent %d ns reading", spentReading[0])
                .isBetween(0L, spentReading[0] / 4);
    }

}
