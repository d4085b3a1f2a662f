package dev.softphone.internal.activity;

import dev.softphone.activity.SpoolFullPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * An append-only, crash-safe record log on disk, with group commit.
 *
 * <p>{@link #append(byte[])} never blocks: it puts the record into a bounded hand-off buffer and returns a future that
 * completes once the record is on disk ({@code fsync}ed). One writer thread takes everything waiting in the buffer,
 * writes it with one write and one {@code force} — so under load many records share one fsync (group commit) — and
 * then completes their futures. Only then does a record count as accepted.
 *
 * <p>Files: segments {@code segment-<n>.spool}, each a sequence of frames {@code [length:int][crc32c:int][payload]}.
 * A new segment starts when the current one would pass the segment size. On open, the last segment is scanned and a
 * half-written last frame (a crash in the middle of a write) is cut off; it was never acknowledged. Readers read only
 * up to the committed position. Segments that every reader has passed are deleted by {@link #release}.
 *
 * <p>One spool directory belongs to one process: the spool takes no file lock, so that a test can abandon a spool
 * without closing it (a simulated crash) and open the same directory again.
 */
public final class DiskSpool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpool.class);
    private static final int HEADER = 8;
    /** Upper bound for one record; protects recovery from reading a garbage length. */
    public static final int MAX_RECORD_BYTES = 1 << 20;
    private static final String PREFIX = "segment-";
    private static final String SUFFIX = ".spool";

    /**
     * How a spool is sized and what it does when full.
     *
     * @param segmentBytes   size at which a new segment starts
     * @param maxBytes       the most bytes all segments may hold together
     * @param bufferCapacity how many records may wait in memory for the writer
     * @param fullPolicy     what happens when {@code maxBytes} is reached
     */
    public record Options(long segmentBytes, long maxBytes, int bufferCapacity, SpoolFullPolicy fullPolicy) {
        /** Validates the components. */
        public Options {
            if (segmentBytes < 1024 || maxBytes < segmentBytes || bufferCapacity < 1) {
                throw new IllegalArgumentException("bad spool options: segmentBytes=" + segmentBytes + ", maxBytes="
                        + maxBytes + ", bufferCapacity=" + bufferCapacity);
            }
            Objects.requireNonNull(fullPolicy, "fullPolicy");
        }
    }

    private record Pending(byte[] payload, Object decoded, CompletableFuture<Void> done) {
    }

    /** The writer thread's checksum, reset per record (only the writer frames records). */
    private final CRC32C writerCrc = new CRC32C();

    /** How many recently committed records keep the object they were encoded from (see {@link #append(byte[], Object)}). */
    static final int RECENT_DECODED = 4096;

    private final Path dir;
    private final Options options;
    private final Runnable onCommit;
    private final BlockingQueue<Pending> buffer;
    private final Thread writer;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Object lock = new Object();

    /**
     * Segment number to its committed size. Only the writer thread adds segments and grows sizes; deleting old
     * segments ({@link #release}, the DROP_OLDEST policy) happens under {@link #lock}. Readers never wait for an fsync.
     */
    private final ConcurrentSkipListMap<Long, Long> segments = new ConcurrentSkipListMap<>();
    private FileChannel current;
    private long currentSegment;
    private volatile SpoolPosition committed;
    private volatile boolean closing;
    /**
     * Position to the object a recent record was encoded from, so readers (sink deliveries) need not decode the
     * bytes again; bounded by {@link #RECENT_DECODED}, oldest first out. Only the writer adds and evicts.
     */
    private final Map<SpoolPosition, Object> recentDecoded = new ConcurrentHashMap<>();
    private final ArrayDeque<SpoolPosition> recentOrder = new ArrayDeque<>();

    private DiskSpool(Path dir, Options options, Runnable onCommit) throws IOException {
        this.dir = dir;
        this.options = options;
        this.onCommit = onCommit;
        this.buffer = new ArrayBlockingQueue<>(options.bufferCapacity());
        Files.createDirectories(dir);
        recover();
        this.writer = new Thread(this::writeLoop, "softphone-activity-spool");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the spool in a directory, recovering what a previous process left.
     *
     * @param dir      the directory
     * @param options  sizes and policy
     * @param onCommit called on the writer thread after each commit, before the records' futures complete (to wake
     *                 readers)
     * @return the spool
     * @throws IOException when the directory cannot be used
     */
    public static DiskSpool open(Path dir, Options options, Runnable onCommit) throws IOException {
        return new DiskSpool(dir, options, onCommit);
    }

    // ----- recovery -----

    private void recover() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Long n = segmentNumber(p);
                if (n != null) {
                    segments.put(n, Files.size(p));
                }
            }
        }
        if (segments.isEmpty()) {
            segments.put(1L, 0L);
        }
        currentSegment = segments.lastKey();
        current = FileChannel.open(segmentPath(currentSegment), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long valid = scanValidLength(current);
        long size = current.size();
        if (valid < size) {
            LOG.warn("activity spool {}: cut off {} bytes of a half-written record at the end of segment {} (it was "
                    + "never acknowledged)", dir, size - valid, currentSegment);
            current.truncate(valid);
            current.force(true);
        }
        current.position(valid);
        segments.put(currentSegment, valid);
        committed = new SpoolPosition(currentSegment, valid);
    }

    private static long scanValidLength(FileChannel ch) throws IOException {
        long size = ch.size();
        long pos = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (pos + HEADER <= size) {
            header.clear();
            readFully(ch, header, pos);
            header.flip();
            int len = header.getInt();
            int crc = header.getInt();
            if (len <= 0 || len > MAX_RECORD_BYTES || pos + HEADER + len > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(len);
            readFully(ch, payload, pos + HEADER);
            if (crc(payload.array()) != crc) {
                break;
            }
            pos += HEADER + len;
        }
        return pos;
    }

    // ----- appending -----

    /**
     * Hands a record to the writer. Never blocks.
     *
     * @param payload the record's bytes (at most {@link #MAX_RECORD_BYTES})
     * @return completes when the record is durable; fails with {@link SpoolFullException} when it was refused, or with
     *         the I/O error that prevented writing it
     */
    public CompletableFuture<Void> append(byte[] payload) {
        return append(payload, null);
    }

    /**
     * Hands a record to the writer, with the object its bytes were encoded from. Readers get that object back with
     * the record ({@link SpoolEntry#decoded()}) while it is among the last {@value #RECENT_DECODED} committed, so a
     * reader in this process need not decode bytes it was given a moment ago. The object must be immutable and
     * decode-equal to the bytes. Never blocks.
     *
     * @param payload the record's bytes (at most {@link #MAX_RECORD_BYTES})
     * @param decoded what the bytes encode, or null
     * @return completes when the record is durable; fails with {@link SpoolFullException} when it was refused, or with
     *         the I/O error that prevented writing it
     */
    public CompletableFuture<Void> append(byte[] payload, Object decoded) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (payload.length == 0 || payload.length > MAX_RECORD_BYTES) {
            done.completeExceptionally(new IllegalArgumentException("a spooled record must have 1.."
                    + MAX_RECORD_BYTES + " bytes, got " + payload.length));
            return done;
        }
        if (closing) {
            done.completeExceptionally(new IOException("the activity spool " + dir + " is closed"));
            return done;
        }
        if (!buffer.offer(new Pending(payload, decoded, done))) {
            refused.incrementAndGet();
            done.completeExceptionally(new SpoolFullException("the activity spool's hand-off buffer ("
                    + options.bufferCapacity() + " records) is full: the disk does not keep up"));
        }
        return done;
    }

    /**
     * @return completes when everything appended before this call is durable (or was refused)
     */
    public CompletableFuture<Void> sync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing && !writer.isAlive()) {
            done.complete(null);
            return done;
        }
        try {
            buffer.put(new Pending(null, null, done));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        // Direct: a heap buffer would be copied into a temporary direct one by every write.
        ByteBuffer out = ByteBuffer.allocateDirect(64 * 1024);
        while (true) {
            try {
                Pending first = buffer.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                buffer.drainTo(batch, 4096);
                out = writeBatch(batch, out);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("activity spool {}: writer failed; the records of this batch were not accepted", dir, e);
                for (Pending p : batch) {
                    p.done().completeExceptionally(e);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private ByteBuffer writeBatch(List<Pending> batch, ByteBuffer out) {
        List<CompletableFuture<Void>> accepted = new ArrayList<>(batch.size());
        List<CompletableFuture<Void>> markers = new ArrayList<>();
        List<Map.Entry<SpoolPosition, Object>> decodedInBatch = new ArrayList<>();
        try {
            long inBuffer = 0;
            out.clear();
            // Sizes read once per batch, not per record (a group commit carries thousands under load): the current
            // segment's committed size and the whole spool's, both changed only by this thread or a release.
            long segmentSize = segments.get(currentSegment);
            long total = totalBytes();
            for (Pending p : batch) {
                if (p.payload() == null) {
                    markers.add(p.done());
                    continue;
                }
                int frame = HEADER + p.payload().length;
                long segSize = segmentSize + inBuffer;
                if (segSize > 0 && segSize + frame > options.segmentBytes()) {
                    writeOut(out, decodedInBatch);
                    decodedInBatch.clear();
                    out.clear();
                    inBuffer = 0;
                    roll();
                    segmentSize = 0;
                    total = totalBytes();
                }
                if (total + inBuffer + frame > options.maxBytes()) {
                    if (!makeRoom(frame + inBuffer)) {
                        refused.incrementAndGet();
                        p.done().completeExceptionally(new SpoolFullException("the activity spool " + dir
                                + " is full (" + options.maxBytes() + " bytes, policy REJECT_NEW)"));
                        continue;
                    }
                    total = totalBytes();
                }
                if (out.remaining() < frame) {
                    ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(out.capacity() * 2, out.position() + frame));
                    out.flip();
                    bigger.put(out);
                    out = bigger;
                }
                if (p.decoded() != null) {
                    decodedInBatch.add(Map.entry(new SpoolPosition(currentSegment, segmentSize + inBuffer),
                            p.decoded()));
                }
                writerCrc.reset();
                writerCrc.update(p.payload());
                out.putInt(p.payload().length).putInt((int) writerCrc.getValue()).put(p.payload());
                inBuffer += frame;
                accepted.add(p.done());
            }
            writeOut(out, decodedInBatch);
            if (out.capacity() > 1 << 20) {
                out = ByteBuffer.allocateDirect(64 * 1024); // give back a buffer grown by a burst
            }
        } catch (IOException e) {
            LOG.error("activity spool {}: could not write {} records; they were not accepted", dir, accepted.size(),
                    e);
            for (CompletableFuture<Void> f : accepted) {
                f.completeExceptionally(e);
            }
            accepted.clear();
            restoreAfterFailure();
        }
        // wake the readers first: whoever sees a record acknowledged can rely on its delivery being under way
        if (onCommit != null) {
            try {
                onCommit.run();
            } catch (RuntimeException e) {
                LOG.warn("activity spool {}: commit callback failed", dir, e);
            }
        }
        for (CompletableFuture<Void> f : accepted) {
            f.complete(null);
        }
        for (CompletableFuture<Void> f : markers) {
            f.complete(null);
        }
        return out;
    }

    /** Keeps the objects of records just committed for readers, evicting the oldest beyond the bound. */
    private void remember(List<Map.Entry<SpoolPosition, Object>> committedRecords) {
        for (Map.Entry<SpoolPosition, Object> e : committedRecords) {
            recentDecoded.put(e.getKey(), e.getValue());
            recentOrder.addLast(e.getKey());
            if (recentOrder.size() > RECENT_DECODED) {
                recentDecoded.remove(recentOrder.removeFirst());
            }
        }
    }

    /**
     * Writes and forces the buffer into the current segment; then the bytes count as committed. The records' objects
     * are remembered before, so a reader that sees the new end finds them.
     */
    private void writeOut(ByteBuffer out, List<Map.Entry<SpoolPosition, Object>> decoded) throws IOException {
        out.flip();
        long n = out.remaining();
        if (n == 0) {
            return;
        }
        while (out.hasRemaining()) {
            current.write(out);
        }
        current.force(false);
        fsyncs.incrementAndGet();
        remember(decoded);
        long size = segments.get(currentSegment) + n;
        segments.put(currentSegment, size);
        committed = new SpoolPosition(currentSegment, size);
    }

    private void roll() throws IOException {
        current.close();
        currentSegment++;
        current = FileChannel.open(segmentPath(currentSegment), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        segments.put(currentSegment, 0L);
        committed = new SpoolPosition(currentSegment, 0);
    }

    /** Applies the full policy; true when {@code extra} more bytes fit. Under {@link #lock}. */
    private boolean makeRoom(long extra) throws IOException {
        while (totalBytes() + extra > options.maxBytes()) {
            if (options.fullPolicy() != SpoolFullPolicy.DROP_OLDEST || segments.size() < 2) {
                return false;
            }
            long oldest = segments.firstKey();
            synchronized (lock) {
                segments.remove(oldest);
            }
            LOG.error("activity spool {} is full ({} bytes): deleting its oldest segment {} (policy DROP_OLDEST); "
                    + "sinks that had not read it lose its records", dir, options.maxBytes(), oldest);
            Files.deleteIfExists(segmentPath(oldest));
        }
        return true;
    }

    /** After a failed write, cut the segment back to its committed size so later frames stay readable. */
    private void restoreAfterFailure() {
        synchronized (lock) {
            try {
                long size = segments.get(currentSegment);
                current.truncate(size);
                current.position(size);
            } catch (IOException e) {
                LOG.error("activity spool {}: cannot repair segment {} after a failed write", dir, currentSegment, e);
            }
        }
    }

    // ----- reading -----

    /** @return where the oldest stored record starts */
    public SpoolPosition oldest() {
        return new SpoolPosition(segments.firstKey(), 0);
    }

    /** @return the end of the durable records: readers read up to here */
    public SpoolPosition committed() {
        return committed;
    }

    /**
     * Reads durable records from a position.
     *
     * @param from       where to start (a position a previous read returned, or {@link #oldest()})
     * @param maxRecords the most records to return
     * @param maxBytes   the most payload bytes to return (at least one record is returned if there is one)
     * @return the records, oldest first; empty when {@code from} is at the committed end
     */
    public List<SpoolEntry> read(SpoolPosition from, int maxRecords, long maxBytes) {
        List<SpoolEntry> result = new ArrayList<>();
        SpoolPosition pos = from;
        long bytes = 0;
        FileChannel ch = null;
        long chSegment = -1;
        ReadWindow window = new ReadWindow();
        try {
            while (result.size() < maxRecords && bytes < maxBytes) {
                SpoolPosition end = committed;
                if (!segments.containsKey(pos.segment())) {
                    Long next = segments.ceilingKey(pos.segment());
                    if (next == null || next > end.segment()) {
                        return result;
                    }
                    pos = new SpoolPosition(next, 0);
                }
                Long size = segments.get(pos.segment());
                if (size == null) {
                    continue; // deleted meanwhile (DROP_OLDEST): look again
                }
                long segEnd = pos.segment() == end.segment() ? end.offset() : size;
                if (pos.offset() >= segEnd) {
                    if (pos.segment() >= end.segment()) {
                        return result;
                    }
                    pos = new SpoolPosition(pos.segment() + 1, 0);
                    continue;
                }
                if (chSegment != pos.segment()) {
                    closeQuietly(ch);
                    ch = openForRead(pos.segment());
                    chSegment = pos.segment();
                }
                SpoolEntry e = ch == null ? null : window.readOne(ch, chSegment, pos, segEnd, recentDecoded.get(pos));
                if (e == null) {
                    LOG.error("activity spool {}: segment {} is damaged or gone at offset {}; skipping the rest of "
                            + "it", dir, pos.segment(), pos.offset());
                    pos = new SpoolPosition(pos.segment() + 1, 0);
                    continue;
                }
                result.add(e);
                bytes += e.payload().length;
                pos = e.next();
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read activity spool segment " + pos.segment(), e);
        } finally {
            closeQuietly(ch);
        }
    }

    private FileChannel openForRead(long segment) throws IOException {
        try {
            return FileChannel.open(segmentPath(segment), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // read-only channel: nothing to lose
            }
        }
    }

    /**
     * Reads frames through one read-ahead buffer instead of two positional reads per record: a sink catching up reads
     * thousands of records in a row, and two system calls each made delivery lag behind a busy writer.
     */
    private static final class ReadWindow {
        private static final int SIZE = 128 * 1024;
        private ByteBuffer buf = ByteBuffer.allocate(SIZE);
        private long segment = -1;
        private long start;
        private int length;

        /** @return the frame at {@code pos}, or null when it is damaged or cut */
        SpoolEntry readOne(FileChannel ch, long chSegment, SpoolPosition pos, long segEnd, Object decoded)
                throws IOException {
            if (pos.offset() + HEADER > segEnd || !cover(ch, chSegment, pos.offset(), HEADER, segEnd)) {
                return null;
            }
            int at = (int) (pos.offset() - start);
            int len = buf.getInt(at);
            int crc = buf.getInt(at + 4);
            if (len <= 0 || len > MAX_RECORD_BYTES || pos.offset() + HEADER + len > segEnd
                    || !cover(ch, chSegment, pos.offset(), HEADER + len, segEnd)) {
                return null;
            }
            byte[] payload = new byte[len];
            buf.get((int) (pos.offset() - start) + HEADER, payload);
            if (crc(payload) != crc) {
                return null;
            }
            return new SpoolEntry(pos, new SpoolPosition(pos.segment(), pos.offset() + HEADER + len), payload,
                    decoded);
        }

        /** Makes the window hold {@code [offset, offset + n)} of the segment; false when the file ends before. */
        private boolean cover(FileChannel ch, long chSegment, long offset, int n, long segEnd) throws IOException {
            if (segment == chSegment && offset >= start && offset + n <= start + length) {
                return true;
            }
            if (buf.capacity() < n) {
                buf = ByteBuffer.allocate(n);
            }
            int want = (int) Math.min(buf.capacity(), segEnd - offset);
            buf.clear().limit(want);
            long p = offset;
            while (buf.hasRemaining()) {
                int r = ch.read(buf, p);
                if (r < 0) {
                    break;
                }
                p += r;
            }
            segment = chSegment;
            start = offset;
            length = buf.position();
            return n <= length;
        }
    }

    /**
     * Deletes the segments that lie wholly before a position every reader has passed.
     *
     * @param minReaderPosition the lowest position any reader still needs
     */
    public void release(SpoolPosition minReaderPosition) {
        synchronized (lock) {
            while (segments.size() > 1 && segments.firstKey() < minReaderPosition.segment()
                    && segments.firstKey() < currentSegment) {
                long oldest = segments.pollFirstEntry().getKey();
                try {
                    Files.deleteIfExists(segmentPath(oldest));
                } catch (IOException e) {
                    LOG.warn("activity spool {}: cannot delete delivered segment {}", dir, oldest, e);
                }
            }
        }
    }

    // ----- facts -----

    /** @return the bytes all segments hold */
    public long totalBytes() {
        long sum = 0;
        for (long v : segments.values()) {
            sum += v;
        }
        return sum;
    }

    /** @return how many fsyncs the writer did (each commits a whole group of records) */
    public long fsyncs() {
        return fsyncs.get();
    }

    /** @return how many records were refused (full spool or full buffer) */
    public long refused() {
        return refused.get();
    }

    /** @return the spool's directory */
    public Path directory() {
        return dir;
    }

    /** Writes what is waiting, then stops the writer and closes the files. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        sync().join();
        closing = true;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.warn("activity spool {}: close failed", dir, e);
            }
        }
    }

    // ----- helpers -----

    private Path segmentPath(long n) {
        return dir.resolve(String.format("%s%016d%s", PREFIX, n, SUFFIX));
    }

    private static Long segmentNumber(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith(PREFIX) || !name.endsWith(SUFFIX)) {
            return null;
        }
        try {
            return Long.parseLong(name.substring(PREFIX.length(), name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new IOException("unexpected end of spool segment at " + p);
            }
            p += n;
        }
    }

    static int crc(byte[] payload) {
        CRC32C c = new CRC32C();
        c.update(payload);
        return (int) c.getValue();
    }
}
