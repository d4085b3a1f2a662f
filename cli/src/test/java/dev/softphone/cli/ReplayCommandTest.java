package dev.softphone.cli;

import dev.softphone.testkit.amazon.StreamsScenario;
import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("replay: a bridge recording becomes the phone's events as JSON lines")
class ReplayCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    private Path recordingOf(String scenario) throws IOException {
        Path file = dir.resolve(scenario + ".jsonl");
        Files.writeString(file, ScenariosCommand.Export.play(StreamsScenarioCatalog.named(scenario)).recordingText());
        return file;
    }

    static Stream<String> scenarios() {
        return StreamsScenarioCatalog.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("every catalog recording replays to the scenario's events (origins aside), exit 0")
    void catalog(String name) throws IOException {
        StreamsScenario scenario = StreamsScenarioCatalog.named(name);
        CliRun run = CliRun.of("replay", "--plugin", "amazon-connect", recordingOf(name).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> types = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.has("seq") && event.has("at") && event.has("origin")).as(line).isTrue();
            types.add(event.path("type").asString());
        }
        assertThat(types).containsExactlyElementsOf(scenario.replayExpected().stream()
                .map(l -> l.split(" ", 2)[0]).toList());
        assertThat(run.err()).contains("replayed ").doesNotContain("skipped");
    }

    @Test
    @DisplayName("each malformed line is reported with its number and what was wrong, skipped, and exit is 2")
    void malformedLines() throws IOException {
        List<String> good = Files.readAllLines(recordingOf("consult-quick-connect-complete"));
        List<String> bad = new ArrayList<>(good.subList(0, 3));
        bad.add("{\"type\":\"agent.update\",");
        bad.add("[1,2]");
        bad.add("{\"type\":\"bogus\",\"seq\":9}");
        bad.add("");
        bad.addAll(good.subList(3, good.size()));
        Path file = dir.resolve("bad.jsonl");
        Files.write(file, bad);

        CliRun clean = CliRun.of("replay", "--plugin", "amazon-connect", recordingOf("consult-quick-connect-complete")
                .toString());
        CliRun run = CliRun.of("replay", "--plugin", "amazon-connect", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).filteredOn(l -> l.startsWith("line ")).containsExactly(
                "line 4: skipped: not JSON: the message ends before its brackets close (23 bytes)",
                "line 5: skipped: not JSON: a bridge message must be a JSON object, it starts with '[1,2]'",
                "line 6: skipped: unknown message type 'bogus' (expected hello, agent.update, streams.event or result)");
        assertThat(run.err()).contains("3 lines skipped");
        assertThat(run.out()).as("the good lines still give every event").isEqualTo(clean.out());
    }

    @Test
    @DisplayName("event times follow the recording's snapshot timestamps")
    void times() throws IOException {
        CliRun run = CliRun.of("replay", "--plugin", "amazon-connect", recordingOf("inbound-answered").toString());
        assertThat(JSON.readTree(run.outLines().get(0)).path("at").asString()).isEqualTo("2025-03-04T09:00:00Z");
    }

    @Test
    @DisplayName("a missing file or a plugin without recordings is a usage error (exit 2)")
    void usageErrors() {
        CliRun missing = CliRun.of("replay", "--plugin", "amazon-connect", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");

        CliRun avaya = CliRun.of("replay", "--plugin", "avaya-onex", dir.toString());
        assertThat(avaya.exitCode()).isEqualTo(2);
        assertThat(avaya.err()).contains("'avaya-onex' has no recording format");

        CliRun noPlugin = CliRun.of("replay", dir.toString());
        assertThat(noPlugin.exitCode()).isEqualTo(2);
        assertThat(noPlugin.err()).contains("Missing required option: '--plugin=ID'");
    }
}
