package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar softphone-cli.jar scenarios export | replay")
class ReplayProcessTest {

    @Test
    @DisplayName("an exported recording replays to JSON lines with exit 0; a damaged one reports lines and exits 2")
    void exportAndReplay(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("swap.jsonl");
        JarRun export = JarRun.of(null, "scenarios", "export", "swap", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();

        JarRun replay = JarRun.of(null, "replay", "--plugin", "amazon-connect", file.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out().lines()).isNotEmpty().allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}"));
        assertThat(replay.out()).contains("\"type\":\"ConsultStarted\"");

        Files.writeString(file, "not json\n" + Files.readString(file));
        JarRun damaged = JarRun.of(null, "replay", "--plugin", "amazon-connect", file.toString());
        assertThat(damaged.exitCode()).isEqualTo(2);
        assertThat(damaged.err()).contains("line 1: skipped: not JSON").doesNotContain("WARN");
        assertThat(damaged.out()).isEqualTo(replay.out());
    }

    @Test
    @DisplayName("replay - reads the recording from standard input")
    void stdin(@TempDir Path dir) throws Exception {
        String recording = JarRun.of(null, "scenarios", "export", "hold-resume").out();
        JarRun replay = JarRun.of(recording, "replay", "--plugin", "amazon-connect", "-");
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("\"type\":\"CallHeld\"", "\"type\":\"CallResumed\"");
    }
}
