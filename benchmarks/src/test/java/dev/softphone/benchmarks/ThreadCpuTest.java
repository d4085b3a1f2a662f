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
            while (ThreadCpu.byGroup().getOrDefault("phonePool", 0L) == 0) {
                Thread.sleep(5);
            }
        } finally {
            stop.set(true);
            busy.join();
        }
        assertThat(ThreadCpu.byGroup()).containsKey("jit");
    }

    @Test
    @DisplayName("takes the scheduler's exact run time from schedstat, and stat's sampled ticks only without it")
    void exactRunTime() {
        String afterName = "S 1 2 3 4 5 6 7 8 9 10 250 30 0 0"; // state, then fields 4..; utime 250, stime 30 ticks

        assertThat(ThreadCpu.nanos(afterName, "123456789 555 7\n")).isEqualTo(123_456_789L);
        assertThat(ThreadCpu.nanos(afterName, null)).isEqualTo(2_800_000_000L);
    }

    @Test
    @DisplayName("leaves the reading's own CPU out of the reading thread's group, so frequent readings cost nothing")
    void readingLeftOut() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        String group = ThreadCpu.groupOfCurrentThread();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        long before = ThreadCpu.byGroup().getOrDefault(group, 0L);
        for (int i = 0; i < 50; i++) {
            ThreadCpu.byGroup();
        }
        long after = ThreadCpu.byGroup().getOrDefault(group, 0L);
        long reading = threads.getCurrentThreadCpuTime() - cpuBefore;

        assertThat(after - before).as("CPU charged to %s while it spent %d ns reading", group, reading)
                .isLessThan(reading / 4);
    }

    @Test
    @DisplayName("divides what each group spent between two readings, leaving out groups that spent nothing")
    void perUnit() {
        Map<String, Double> per = ThreadCpu.perUnit(Map.of("feeder", 1_000L, "jit", 500L),
                Map.of("feeder", 5_000L, "jit", 500L, "gcPauses", 2_000L), 100);

        assertThat(per).containsOnly(Map.entry("feeder", 40.0), Map.entry("gcPauses", 20.0));
    }
}
