package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.activity.ActivityReporting;
import dev.softphone.activity.JsonLinesSink;
import dev.softphone.activity.QueueMetricsSink;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A phone built with activity reporting records its shift")
class PhoneActivityIntegrationTest {

    @Test
    @DisplayName("the phone's events reach the JSON lines file in their normative form and the queue_log as lines")
    void phoneToSinks(@TempDir Path dir) throws Exception {
        DeterministicScheduler scheduler = DeterministicScheduler.create();
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        RecordingPhoneListener events = new RecordingPhoneListener();
        Path jsonl = dir.resolve("activity.jsonl");
        Path queueLog = dir.resolve("queue_log");
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir.resolve("spool"))
                .clock(scheduler.clock())
                .sink(JsonLinesSink.builder().file(jsonl).build())
                .sink(QueueMetricsSink.builder().file(queueLog).build())
                .build();
             Phone phone = Phone.builder().id("101").plugin(plugin).clock(scheduler.clock())
                     .executor(Runnable::run).scheduler(scheduler).listener(events).activity(reporting).build()) {
            FakeSoftphone softphone = plugin.softphone();
            softphone.agentLogsIn(AgentState.READY);
            scheduler.advance(Duration.ofSeconds(30));
            String call = softphone.incomingCall("5551234", "support");
            scheduler.advance(Duration.ofSeconds(5));
            softphone.agentAnswers(call);
            scheduler.advance(Duration.ofSeconds(60));
            softphone.farEndHangsUp(call);
            softphone.agentSetsState(AgentState.notReady(PauseReason.BREAK));
            scheduler.advance(Duration.ofSeconds(300));
            softphone.agentSetsState(AgentState.READY);

            assertThat(reporting.awaitDelivered(Duration.ofSeconds(10))).isTrue();

            List<String> written = Files.readAllLines(jsonl);
            List<String> eventLines = written.stream().filter(l -> !l.startsWith("{\"type\":\"activity\"")).toList();
            assertThat(eventLines).containsExactlyElementsOf(events.json());
            assertThat(written.stream().filter(l -> l.startsWith("{\"type\":\"activity\"")))
                    .anySatisfy(l -> assertThat(l).contains("\"kind\":\"CALL_ENDED\"", "\"talkMs\":60000"));

            List<String> verbs = Files.readAllLines(queueLog).stream().map(l -> l.split("\\|")[4]).toList();
            assertThat(verbs).containsSubsequence("AGENTLOGIN", "ENTERQUEUE", "CONNECT", "PAUSEALL", "UNPAUSEALL");
            assertThat(verbs).containsAnyOf("COMPLETECALLER", "COMPLETEAGENT");
        }
    }
}
