package dev.softphone.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the benchmark recording ({@link AgentUpdates}) as JSON-lines files for the Node comparison:
 * {@code setup.jsonl}, {@code changed.jsonl}, {@code unchanged.jsonl} in a directory.
 */
public final class RecordingExport {
    private RecordingExport() {
    }

    /**
     * @param args the directory
     * @throws IOException when it cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        AgentUpdates u = AgentUpdates.create();
        write(dir.resolve("setup.jsonl"), u.setup());
        write(dir.resolve("changed.jsonl"), u.changed());
        write(dir.resolve("unchanged.jsonl"), u.unchanged());
    }

    private static void write(Path file, List<String> lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
