package dev.softphone.cli;

import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("scenarios: the testkit catalog, listed and exported as bridge recordings")
class ScenariosCommandTest {

    @Test
    @DisplayName("list prints every scenario name with its description, in catalog order")
    void list() {
        CliRun run = CliRun.of("scenarios", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).extracting(l -> l.split("\\s+", 2)[0])
                .containsExactlyElementsOf(StreamsScenarioCatalog.names());
        assertThat(run.out()).contains(StreamsScenarioCatalog.named("lunch-to-break").description());
    }

    @Test
    @DisplayName("export writes the recording of a checked run to a file")
    void exportToFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("consult.jsonl");
        CliRun run = CliRun.of("scenarios", "export", "consult-quick-connect-complete", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).startsWith("{\"type\":\"hello\",\"protocol\":1");
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":"));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"result\""));
        assertThat(run.err()).contains("wrote " + lines.size() + " messages");
    }

    @Test
    @DisplayName("export without a file writes the recording to standard output, the same every time")
    void exportToStdout() {
        CliRun run = CliRun.of("scenarios", "export", "hold-resume");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("{\"type\":\"hello\"").endsWith("\n");
        assertThat(CliRun.of("scenarios", "export", "hold-resume").out()).isEqualTo(run.out());
    }

    @Test
    @DisplayName("an unknown name is a usage error (exit 2) that lists the known names")
    void unknown() {
        CliRun run = CliRun.of("scenarios", "export", "no-such-scenario");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no scenario named 'no-such-scenario'", "inbound-answered");
        assertThat(run.out()).isEmpty();
    }

    @Test
    @DisplayName("scenarios without a subcommand is a usage error")
    void noSubcommand() {
        CliRun run = CliRun.of("scenarios");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("name a subcommand: list or export");
    }
}
