package dev.softphone.activity;

import dev.softphone.PhoneEventJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Activity reporting configuration and sink discovery")
class ActivityReportingConfigurationTest {

    @Test
    @DisplayName("the built-in sinks are discovered by id through ServiceLoader and configured with text keys")
    void discoversBuiltInSinks(@TempDir Path dir) throws Exception {
        Path jsonl = dir.resolve("out/activity.jsonl");
        Path queueLog = dir.resolve("out/queue_log");
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir.resolve("spool"))
                .sink("jsonl", Map.of("file", jsonl.toString()))
                .sink("queuemetrics", Map.of("file", queueLog.toString(), "member-queues", "support, sales",
                        "pause-encoding", "asterisk", "pause-code.MEAL", "LUNCH", "channel-format", "PJSIP/{phoneId}"))
                .sink("slf4j", Map.of("level", "debug"))
                .build()) {
            var recorder = reporting.recorder("101");
            var shift = ShiftScenario.shift("101", ShiftScenario.START);
            shift.forEach(recorder::onEvent);
            assertThat(reporting.awaitDelivered(Duration.ofSeconds(10))).isTrue();

            List<String> lines = Files.readAllLines(jsonl);
            assertThat(lines.stream().filter(l -> !l.contains("\"type\":\"activity\"")).toList())
                    .containsExactlyElementsOf(shift.stream().map(PhoneEventJson::toJson).toList());
            assertThat(Files.readAllLines(queueLog)).contains(
                    "1718000000|NONE|NONE|Agent/101|AGENTLOGIN|PJSIP/101",
                    "1718000060|NONE|sales|Agent/101|PAUSE|LUNCH");
            assertThat(reporting.stats().sinks()).containsOnlyKeys("jsonl", "queuemetrics", "slf4j");
            long records = lines.stream().filter(l -> l.contains("\"type\":\"activity\"")).count();
            assertThat(reporting.stats().sinks().get("slf4j").delivered()).isEqualTo(records);
            assertThat(reporting.stats().sinks().get("slf4j").skipped()).isEqualTo(shift.size());
        }
    }

    @Test
    @DisplayName("every problem of a malformed configuration is reported at build(), before anything is opened")
    void malformed(@TempDir Path dir) {
        Path spool = dir.resolve("never-created");
        assertThatThrownBy(() -> ActivityReporting.builder().spoolDirectory(spool)
                .retryBackoff(Duration.ZERO, Duration.ofSeconds(1))
                .maxSpoolBytes(10)
                .sink("queuemetrics", Map.of("file", "/tmp/x", "loader-url", "http://qm", "pause-encoding", "morse",
                        "timeout", "soon"))
                .sink("no-such-sink", Map.of())
                .sink("jsonl", Map.of())
                .sink(new ListSink("a b"))
                .sink(new ListSink("twin")).sink(new ListSink("twin"))
                .build())
                .isInstanceOf(ActivityConfigurationException.class)
                .hasMessageContaining("retryBackoff needs 0 < initial <= max")
                .hasMessageContaining("maxSpoolBytes must be at least two segments")
                .hasMessageContaining("sink 'queuemetrics': 'pause-encoding' must be one of [ASTERISK, QUEUEMETRICS, "
                        + "VICIDIAL, ALL], got 'morse'")
                .hasMessageContaining("sink 'queuemetrics': 'timeout' must be seconds or an ISO-8601 duration")
                .hasMessageContaining("sink 'queuemetrics': both file(...) and httpLoader(...) are set")
                .hasMessageContaining("no activity sink factory with id 'no-such-sink' was found; known: [")
                .hasMessageContaining("sink 'jsonl': set exactly one target")
                .hasMessageContaining("sink name 'a b' must be 1-64 letters")
                .hasMessageContaining("two sinks are named 'twin'");
        assertThat(spool).doesNotExist();
        assertThatThrownBy(() -> ActivityReporting.builder().build())
                .hasMessageContaining("spoolDirectory is required");
        assertThatThrownBy(() -> ActivityReporting.builder().spoolDirectory(dir).build())
                .hasMessageContaining("no sinks");
    }

    @Test
    @DisplayName("JSON lines to a stream: phone events in DESIGN §5 form, then records, each on its own line")
    void jsonLinesToStream(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir)
                .sink(JsonLinesSink.builder().stream(out).build()).build()) {
            var login = ShiftScenario.shift("101", ShiftScenario.START).get(0);
            reporting.recorder("101").onEvent(login);
            assertThat(reporting.awaitDelivered(Duration.ofSeconds(10))).isTrue();
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("{\"type\":\"AgentLoggedIn\",\"seq\":1,\"at\":\"2024-06-10T06:13:20Z\","
                + "\"origin\":\"SOFTPHONE\",\"state\":{\"state\":\"READY\"}}");
        ActivityRecord record = ActivityRecord.fromJson(lines[1]);
        assertThat(record.kind()).isEqualTo(ActivityKind.LOGGED_IN);
        assertThat(record.phoneId()).isEqualTo("101");
    }
}
