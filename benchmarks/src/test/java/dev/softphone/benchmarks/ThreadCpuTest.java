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
    @DisplayName("divides what each group spent between two readings, leaving out groups that spent nothing")
    void perUnit() {
        Map<String, Double> per = ThreadCpu.perUnit(Map.of("feeder", 1_000L, "jit", 500L),
                Map.of("feeder", 5_000L, "jit", 500L, "gcPauses", 2_000L), 100);

        assertThat(per).containsOnly(Map.entry("feeder", 40.0), Map.entry("gcPauses", 20.0));
    }
}
