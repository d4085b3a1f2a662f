package dev.softphone.internal.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Remembers, per sink, the spool position up to which the sink has its records ({@code cursor-<sink>.pos}). A cursor
 * is replaced atomically (write a temporary file, then rename), so a crash leaves the old or the new cursor, never a
 * torn one. It is not fsynced: a cursor that goes back after a power loss only means some records are delivered again,
 * which at-least-once delivery allows.
 */
public final class CursorStore {
    private static final Logger LOG = LoggerFactory.getLogger(CursorStore.class);
    private final Path dir;

    /**
     * @param dir the spool directory
     */
    public CursorStore(Path dir) {
        this.dir = dir;
    }

    /**
     * @param sink a sink name
     * @return its saved position, or null when it has none (a new sink) or the file is unreadable
     */
    public SpoolPosition load(String sink) {
        Path file = file(sink);
        try {
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.warn("activity cursor {} is unreadable ({}); sink {} starts again from the oldest stored record",
                    file, e.getMessage(), sink);
            return null;
        }
    }

    /**
     * @param sink     a sink name
     * @param position the position after the last record the sink has
     */
    public void save(String sink, SpoolPosition position) {
        Path file = file(sink);
        Path tmp = dir.resolve("cursor-" + sink + ".tmp");
        try {
            Files.writeString(tmp, position.segment() + " " + position.offset() + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the activity cursor " + file, e);
        }
    }

    private Path file(String sink) {
        return dir.resolve("cursor-" + sink + ".pos");
    }
}
