package dev.softphone.activity;

import dev.softphone.PhoneEvent;
import dev.softphone.internal.activity.ActivityRecorder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("QueueMetrics queue_log sink")
class QueueMetricsSinkTest {

    static QueueMetricsSink.Builder workedExampleSink() {
        return QueueMetricsSink.builder().channelFormat("PJSIP/{phoneId}").memberQueues(List.of("support"))
                .pauseCode("MEAL", "LUNCH").pauseCode("AFTER_CALL_WORK", "WRAPUP");
    }

    static List<ActivityRecord> record(List<PhoneEvent> events, String phoneId) {
        List<ActivityRecord> records = new ArrayList<>();
        ActivityRecorder recorder = new ActivityRecorder(phoneId, false, records::add);
        events.forEach(recorder::onEvent);
        return records;
    }

    @Test
    @DisplayName("a whole agent shift becomes exactly the worked example of docs/reporting.md, line by line")
    void wholeShiftMatchesTheWorkedExample(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queue_log");
        QueueMetricsSink sink = workedExampleSink().file(file).build();

        sink.deliver(record(ShiftScenario.shift("101", ShiftScenario.START), "101"));

        List<String> written = Files.readAllLines(file);
        List<String> documented = WorkedExample.block("worked-example:queue_log");
        assertThat(written).containsExactlyElementsOf(documented);
    }

    @Test
    @DisplayName("every pause encoding the reference lists writes the reason where that reader looks for it")
    void pauseEncodings() {
        ActivityRecord pause = ActivityRecord.builder(ActivityKind.PAUSE_STARTED, "7",
                java.time.Instant.ofEpochSecond(100)).reason("BREAK").build();
        ActivityRecord unpause = ActivityRecord.builder(ActivityKind.PAUSE_ENDED, "7",
                java.time.Instant.ofEpochSecond(160)).reason("BREAK").build();
        QueueMetricsSink.Builder b = QueueMetricsSink.builder().file(Path.of("unused")).memberQueues(List.of("q1"));

        assertThat(b.pauseEncoding(QueueLogPauseEncoding.ASTERISK).build().lines(pause)).containsExactly(
                "100|NONE|NONE|Agent/7|PAUSEALL|BREAK", "100|NONE|q1|Agent/7|PAUSE|BREAK");
        assertThat(b.pauseEncoding(QueueLogPauseEncoding.QUEUEMETRICS).build().lines(pause)).containsExactly(
                "100|NONE|NONE|Agent/7|PAUSEALL|", "100|NONE|q1|Agent/7|PAUSE|",
                "100|NONE|NONE|Agent/7|PAUSEREASON|BREAK");
        assertThat(b.pauseEncoding(QueueLogPauseEncoding.VICIDIAL).build().lines(pause)).containsExactly(
                "100|NONE|NONE|Agent/7|PAUSEALL|", "100|NONE|NONE|Agent/7|PAUSEREASON|BREAK");
        assertThat(b.pauseEncoding(QueueLogPauseEncoding.VICIDIAL).build().lines(unpause)).containsExactly(
                "160|NONE|NONE|Agent/7|UNPAUSEALL|");
        assertThat(b.pauseEncoding(QueueLogPauseEncoding.ALL).build().lines(pause)).containsExactly(
                "100|NONE|NONE|Agent/7|PAUSEALL|BREAK", "100|NONE|q1|Agent/7|PAUSE|BREAK",
                "100|NONE|NONE|Agent/7|PAUSEREASON|BREAK");
    }

    @Test
    @DisplayName("separators and control characters inside values cannot shift or split a line")
    void sanitizesValues() {
        ActivityRecord call = ActivityRecord.builder(ActivityKind.CALL_OFFERED, "7", java.time.Instant.ofEpochSecond(5))
                .callId("c|1\n").direction(dev.softphone.Direction.OUTBOUND).remote("555|12\r\n34").build();
        List<String> lines = QueueMetricsSink.builder().file(Path.of("unused")).build().lines(call);
        assertThat(lines).containsExactly("5|c_1|q-outbound|Agent/7|CALLOUTBOUND||555_12  34");
    }

    @Test
    @DisplayName("the file is appended to, a half-written last line from a crash is cut, and a rotated file is "
            + "replaced by a new one")
    void crashSafeAndRotationFriendly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("queue_log");
        Files.writeString(file, "1|NONE|NONE|Agent/1|AGENTLOGIN|x\n2|NONE|NO");
        QueueMetricsSink sink = QueueMetricsSink.builder().file(file).build();
        ActivityRecord login = ActivityRecord.builder(ActivityKind.LOGGED_IN, "1",
                java.time.Instant.ofEpochSecond(3)).build();

        sink.deliver(List.of(login));
        assertThat(Files.readAllLines(file)).containsExactly("1|NONE|NONE|Agent/1|AGENTLOGIN|x",
                "3|NONE|NONE|Agent/1|AGENTLOGIN|Local/1@softphone");

        Files.move(file, dir.resolve("queue_log.1"));
        sink.deliver(List.of(login));
        assertThat(Files.readAllLines(file)).containsExactly("3|NONE|NONE|Agent/1|AGENTLOGIN|Local/1@softphone");
        assertThat(Files.readAllLines(dir.resolve("queue_log.1"))).hasSize(2);
        sink.close();
    }

    @Test
    @DisplayName("a malformed configuration fails at build() with every problem named")
    void malformedConfiguration() {
        assertThatThrownBy(() -> QueueMetricsSink.builder().agentFormat("Agent|x").outboundQueue(" ").build())
                .isInstanceOf(ActivityConfigurationException.class)
                .hasMessageContaining("no target")
                .hasMessageContaining("agentFormat must be non-blank text without '|'")
                .hasMessageContaining("agentFormat must contain {phoneId}")
                .hasMessageContaining("outboundQueue");
        assertThatThrownBy(() -> QueueMetricsSink.builder().file(Path.of("x"))
                .httpLoader(java.net.URI.create("ftp://qm"), "u", "p", "").build())
                .isInstanceOf(ActivityConfigurationException.class)
                .hasMessageContaining("use one target per sink")
                .hasMessageContaining("absolute http(s) URL");
    }
}
