package dev.softphone.internal.activity;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a real writer process in the middle of its spool writes, many times, and checks what the next life finds.
 * The number of kills is {@code -Dreliability.spoolKills} (default 8).
 */
@DisplayName("Activity spool: a process killed mid-write loses nothing acknowledged")
class SpoolKillTest {
    private static final int KILLS = Integer.getInteger("reliability.spoolKills", 8);

    @Test
    @DisplayName("R1: after each destroyForcibly every acknowledged record is there, once, in order, and writing goes on")
    void killedWriterLosesNothingAcknowledged(@TempDir Path dir) throws Exception {
        Random random = new Random(13);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        long totalAcked = 0;
        for (int life = 0; life < KILLS; life++) {
            Process child = startWriter(dir);
            CountDownLatch enough = new CountDownLatch(200 + random.nextInt(2_000));
            Thread reader = readAcks(child, acknowledged, enough);
            assertThat(enough.await(60, TimeUnit.SECONDS)).as("the writer acknowledges records").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(10_000);
            totalAcked = acknowledged.size();

            List<Long> stored = readStored(dir);
            assertThat(stored).as("stored records are 0..n, each once, in order (life %d)", life)
                    .containsExactlyElementsOf(range(stored.size()));
            assertThat(stored.size()).as("nothing acknowledged is lost (life %d)", life)
                    .isGreaterThanOrEqualTo((int) (acknowledged.stream().mapToLong(Long::longValue).max().orElse(-1)
                            + 1));
        }
        assertThat(totalAcked).isGreaterThan(KILLS * 200L);
        System.out.printf("spool kill test: %d kills, %d acknowledged records, %d stored, 0 lost%n", KILLS,
                totalAcked, readStored(dir).size());
    }

    private static Process startWriter(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                SpoolWriterProcess.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
    }

    private static Thread readAcks(Process child, Set<Long> acknowledged, CountDownLatch enough) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(Long.parseLong(line.substring(4)));
                        enough.countDown();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process died mid-line: the half line was never a complete acknowledgement
            }
        }, "spool-kill-acks");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static List<Long> readStored(Path dir) throws IOException {
        List<Long> out = new ArrayList<>();
        try (DiskSpool spool = DiskSpool.open(dir, SpoolWriterProcess.OPTIONS, null)) {
            SpoolPosition pos = spool.oldest();
            while (true) {
                List<SpoolEntry> batch = spool.read(pos, 1_000, Long.MAX_VALUE);
                if (batch.isEmpty()) {
                    return out;
                }
                batch.forEach(e -> out.add(SpoolWriterProcess.number(e.payload())));
                pos = batch.get(batch.size() - 1).next();
            }
        }
    }

    private static List<Long> range(int n) {
        List<Long> out = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }
}
