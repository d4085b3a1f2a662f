package dev.softphone.internal.activity;

import dev.softphone.activity.SpoolFullPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Durable activity spool")
class DiskSpoolTest {
    private static final DiskSpool.Options DEFAULT = new DiskSpool.Options(1 << 20, 64L << 20, 100_000,
            SpoolFullPolicy.REJECT_NEW);

    private static byte[] rec(int i) {
        return ("record-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> readAll(DiskSpool spool) {
        List<String> out = new ArrayList<>();
        SpoolPosition pos = spool.oldest();
        while (true) {
            List<SpoolEntry> batch = spool.read(pos, 50, Long.MAX_VALUE);
            if (batch.isEmpty()) {
                return out;
            }
            batch.forEach(e -> out.add(new String(e.payload(), StandardCharsets.UTF_8)));
            pos = batch.get(batch.size() - 1).next();
        }
    }

    private static List<String> expected(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("record-" + i);
        }
        return out;
    }

    @Test
    @DisplayName("an acknowledged record is on disk and reads back in order")
    void appendAndRead(@TempDir Path dir) throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, DEFAULT, null)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                acks.add(spool.append(rec(i)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            assertThat(readAll(spool)).containsExactlyElementsOf(expected(0, 10));
        }
    }

    @Test
    @DisplayName("records appended with their object read back with it while recent, across segment rolls; after a "
            + "reopen or beyond the bound only the bytes come back")
    void recentRecordsKeepTheirObject(@TempDir Path dir) throws Exception {
        DiskSpool.Options small = new DiskSpool.Options(1024, 64L << 20, 100_000, SpoolFullPolicy.REJECT_NEW);
        int n = DiskSpool.RECENT_DECODED + 100;
        try (DiskSpool spool = DiskSpool.open(dir, small, null)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                acks.add(spool.append(rec(i), "object-" + i));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            List<SpoolEntry> all = new ArrayList<>();
            SpoolPosition pos = spool.oldest();
            for (List<SpoolEntry> batch; !(batch = spool.read(pos, 500, Long.MAX_VALUE)).isEmpty(); ) {
                all.addAll(batch);
                pos = batch.get(batch.size() - 1).next();
            }
            assertThat(all).hasSize(n);
            for (int i = 0; i < n; i++) {
                SpoolEntry e = all.get(i);
                assertThat(new String(e.payload(), StandardCharsets.UTF_8)).isEqualTo("record-" + i);
                // the oldest 100 fell out of the bound; every other one has exactly its own object
                assertThat(e.decoded()).isEqualTo(i < 100 ? null : "object-" + i);
            }
        }
        try (DiskSpool reopened = DiskSpool.open(dir, small, null)) {
            assertThat(reopened.read(reopened.oldest(), 10, Long.MAX_VALUE)).allSatisfy(e ->
                    assertThat(e.decoded()).isNull());
        }
    }

    @Test
    @DisplayName("group commit: records appended together share one fsync")
    void groupCommit(@TempDir Path dir) throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, DEFAULT, null)) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                acks.add(spool.append(rec(i)));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            assertThat(spool.fsyncs()).isLessThanOrEqualTo(2_000 / 20);
            assertThat(readAll(spool)).hasSize(2_000);
        }
    }

    @Test
    @DisplayName("a process stopped without flushing or closing loses nothing it acknowledged")
    void abandonedAndReopened(@TempDir Path dir) throws Exception {
        DiskSpool first = DiskSpool.open(dir, DEFAULT, null);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            acks.add(first.append(rec(i)));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        // no close(): the object is simply abandoned, as after a kill -9

        try (DiskSpool second = DiskSpool.open(dir, DEFAULT, null)) {
            assertThat(readAll(second)).containsExactlyElementsOf(expected(0, 500));
            second.append(rec(500)).join();
            assertThat(readAll(second)).containsExactlyElementsOf(expected(0, 501));
        }
    }

    @Test
    @DisplayName("a half-written last record (crash in the middle of a write) is cut off on reopen and later records "
            + "stay readable")
    void tornTail(@TempDir Path dir) throws Exception {
        DiskSpool first = DiskSpool.open(dir, DEFAULT, null);
        for (int i = 0; i < 3; i++) {
            first.append(rec(i)).join();
        }
        Path segment = segments(dir).get(0);
        long goodSize = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer torn = ByteBuffer.allocate(18);
            torn.putInt(100).putInt(12345).put("half-writ!".getBytes(StandardCharsets.US_ASCII)).flip();
            ch.write(torn); // header says 100 bytes, only 10 follow
        }

        try (DiskSpool second = DiskSpool.open(dir, DEFAULT, null)) {
            assertThat(Files.size(segment)).isEqualTo(goodSize);
            assertThat(readAll(second)).containsExactlyElementsOf(expected(0, 3));
            second.append(rec(3)).join();
            assertThat(readAll(second)).containsExactlyElementsOf(expected(0, 4));
        }
    }

    @Test
    @DisplayName("a damaged record (bad checksum) at the end is treated like a torn write")
    void badChecksumAtEnd(@TempDir Path dir) throws Exception {
        DiskSpool first = DiskSpool.open(dir, DEFAULT, null);
        first.append(rec(0)).join();
        first.append(rec(1)).join();
        Path segment = segments(dir).get(0);
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 1] ^= 0x55; // flip bits in the last payload
        Files.write(segment, bytes);

        try (DiskSpool second = DiskSpool.open(dir, DEFAULT, null)) {
            assertThat(readAll(second)).containsExactly("record-0");
        }
    }

    @Test
    @DisplayName("segments roll at their size and are deleted once every reader has passed them")
    void rollAndRelease(@TempDir Path dir) throws Exception {
        DiskSpool.Options small = new DiskSpool.Options(1024, 1L << 20, 1000, SpoolFullPolicy.REJECT_NEW);
        try (DiskSpool spool = DiskSpool.open(dir, small, null)) {
            for (int i = 0; i < 200; i++) {
                spool.append(rec(i)).join();
            }
            assertThat(segments(dir).size()).isGreaterThan(3);
            assertThat(readAll(spool)).containsExactlyElementsOf(expected(0, 200));

            spool.release(spool.committed());
            assertThat(segments(dir)).hasSize(1); // the segment being written stays
            List<String> left = readAll(spool);
            int first = Integer.parseInt(left.get(0).substring("record-".length()));
            assertThat(first).isGreaterThan(0);
            assertThat(left).containsExactlyElementsOf(expected(first, 200));
        }
    }

    @Test
    @DisplayName("REJECT_NEW: a full spool refuses new records with a clear error and keeps what it has")
    void rejectNewWhenFull(@TempDir Path dir) throws Exception {
        DiskSpool.Options tiny = new DiskSpool.Options(1024, 2048, 1000, SpoolFullPolicy.REJECT_NEW);
        try (DiskSpool spool = DiskSpool.open(dir, tiny, null)) {
            int accepted = 0;
            CompletionException refusal = null;
            for (int i = 0; i < 500 && refusal == null; i++) {
                try {
                    spool.append(rec(i)).join();
                    accepted++;
                } catch (CompletionException e) {
                    refusal = e;
                }
            }
            assertThat(refusal).isNotNull();
            assertThat(refusal.getCause()).isInstanceOf(SpoolFullException.class)
                    .hasMessageContaining("is full (2048 bytes, policy REJECT_NEW)");
            assertThat(spool.refused()).isEqualTo(1);
            assertThat(readAll(spool)).containsExactlyElementsOf(expected(0, accepted));
        }
    }

    @Test
    @DisplayName("DROP_OLDEST: a full spool deletes its oldest segment to keep accepting")
    void dropOldestWhenFull(@TempDir Path dir) throws Exception {
        DiskSpool.Options tiny = new DiskSpool.Options(1024, 2048, 1000, SpoolFullPolicy.DROP_OLDEST);
        try (DiskSpool spool = DiskSpool.open(dir, tiny, null)) {
            for (int i = 0; i < 500; i++) {
                spool.append(rec(i)).join();
            }
            assertThat(spool.totalBytes()).isLessThanOrEqualTo(2048);
            List<String> left = readAll(spool);
            assertThat(left).isNotEmpty().endsWith("record-499");
            int first = Integer.parseInt(left.get(0).substring("record-".length()));
            assertThat(left).containsExactlyElementsOf(expected(first, 500));
        }
    }

    @Test
    @DisplayName("records over the size limit are refused with the limit named")
    void oversizedRecord(@TempDir Path dir) throws Exception {
        try (DiskSpool spool = DiskSpool.open(dir, DEFAULT, null)) {
            assertThatThrownBy(() -> spool.append(new byte[DiskSpool.MAX_RECORD_BYTES + 1]).join())
                    .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..1048576 bytes");
        }
    }

    private static List<Path> segments(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("segment-")).sorted().toList();
        }
    }
}
