package dev.softphone.internal.activity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A text file that lines are appended to, crash-safe and friendly to log rotation.
 *
 * <ul>
 *   <li>Each {@link #append(List)} writes whole lines and forces them to disk before returning, so a returned call
 *   means the lines are durable.</li>
 *   <li>When opening a file whose last line has no newline (a crash in the middle of a write), that fragment is cut
 *   off: it was never acknowledged and will be written again by the at-least-once delivery.</li>
 *   <li>Before each append the path is checked: when the file was moved away or replaced (logrotate, Uniloader's
 *   rotation), a new file is opened at the path.</li>
 * </ul>
 * Not thread-safe: one delivery loop uses it.
 */
public final class LineFile implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    private Object fileKey;

    /**
     * @param path the file; its parent directory is created when missing
     */
    public LineFile(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * Appends lines (each without its newline) and forces them to disk.
     *
     * @param lines the lines
     * @throws IOException when they could not be written
     */
    public void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        ensureOpen();
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append('\n');
        }
        ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        long before = channel.size();
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(false);
        } catch (IOException e) {
            try {
                channel.truncate(before); // leave no half line behind; the batch will be retried
            } catch (IOException ignored) {
                // the crash recovery on the next open cuts a half line anyway
            }
            closeQuietly();
            throw e;
        }
    }

    private void ensureOpen() throws IOException {
        Object keyNow = currentKey();
        if (channel != null && channel.isOpen() && keyNow != null && keyNow.equals(fileKey)) {
            return;
        }
        closeQuietly();
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        cutHalfLine();
        channel.position(channel.size());
        fileKey = currentKey();
    }

    /** Cuts a trailing fragment without newline. */
    private void cutHalfLine() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        long pos = size;
        ByteBuffer chunk = ByteBuffer.allocate(4096);
        while (pos > 0) {
            int len = (int) Math.min(chunk.capacity(), pos);
            chunk.clear().limit(len);
            channel.read(chunk, pos - len);
            for (int i = len - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    long keep = pos - len + i + 1;
                    if (keep < size) {
                        channel.truncate(keep);
                        channel.force(false);
                    }
                    return;
                }
            }
            pos -= len;
        }
        channel.truncate(0); // no complete line at all
    }

    private Object currentKey() throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            Object key = a.fileKey();
            return key != null ? key : a.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
            channel = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    /** @return the file's path */
    public Path path() {
        return path;
    }
}
