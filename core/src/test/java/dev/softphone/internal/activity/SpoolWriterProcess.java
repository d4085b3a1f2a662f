package dev.softphone.internal.activity;

import dev.softphone.activity.SpoolFullPolicy;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The child process of {@link SpoolKillTest}: opens the spool, finds the last record a previous life wrote, and
 * appends the following numbers for ever, printing {@code ACK n} once record {@code n} is acknowledged (durable).
 * The test kills it with {@code destroyForcibly()} at an arbitrary moment, usually in the middle of a group write.
 */
public final class SpoolWriterProcess {
    /** Small segments, so kills also land around segment rollover. */
    static final DiskSpool.Options OPTIONS = new DiskSpool.Options(32 * 1024, 256L << 20, 100_000,
            SpoolFullPolicy.REJECT_NEW);

    private SpoolWriterProcess() {
    }

    /**
     * Runs until killed.
     *
     * @param args the spool directory
     * @throws Exception when the spool cannot be opened
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        DiskSpool spool = DiskSpool.open(Path.of(args[0]), OPTIONS, null);
        long next = lastNumber(spool) + 1;
        out.println("START " + next);
        out.flush();
        while (true) {
            long n = next++;
            // records of varying size, so frames straddle buffer and segment boundaries differently
            String body = "rec-" + n + "-" + "x".repeat((int) (n % 300));
            spool.append(body.getBytes(StandardCharsets.UTF_8)).thenRun(() -> {
                synchronized (out) {
                    out.println("ACK " + n);
                    out.flush();
                }
            });
            if (n % 64 == 0) {
                // keep the writer's buffer from growing without bound: wait for this group's commit
                spool.sync().join();
            }
        }
    }

    /** @return the number of the last record stored, or -1 when there is none */
    static long lastNumber(DiskSpool spool) {
        long last = -1;
        SpoolPosition pos = spool.oldest();
        while (true) {
            List<SpoolEntry> batch = spool.read(pos, 1_000, Long.MAX_VALUE);
            if (batch.isEmpty()) {
                return last;
            }
            last = number(batch.get(batch.size() - 1).payload());
            pos = batch.get(batch.size() - 1).next();
        }
    }

    static long number(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        int dash = s.indexOf('-', 4);
        return Long.parseLong(s.substring(4, dash));
    }
}
