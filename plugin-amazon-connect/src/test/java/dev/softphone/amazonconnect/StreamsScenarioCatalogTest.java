package dev.softphone.amazonconnect;

import dev.softphone.testkit.amazon.StreamsScenario;
import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Amazon Connect scenario catalog, played through the plugin against the simulated CCP")
class StreamsScenarioCatalogTest {
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    static List<StreamsScenario> scenarios() {
        return StreamsScenarioCatalog.all();
    }

    @Test
    @DisplayName("the catalog has at least 25 scenarios with unique names")
    void catalogSize() {
        assertThat(StreamsScenarioCatalog.names()).hasSizeGreaterThanOrEqualTo(25).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("live: each scenario produces exactly its expected events, origins included")
    void live(StreamsScenario scenario) {
        ScenarioHarness h = new ScenarioHarness();
        StreamsScenarioRunner.Run run = play(scenario, h);
        assertThat(h.bad.problems).as("bad messages").isEmpty();
        run.verify();
    }

    private static StreamsScenarioRunner.Run play(StreamsScenario scenario, ScenarioHarness h) {
        return StreamsScenarioRunner.run(scenario, h.phones(), InProcessPage.connector(h.hub));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("replay: the exported recording (JSON lines, hello first) alone yields the same events")
    void replay(StreamsScenario scenario) {
        StreamsScenarioRunner.Run run = play(scenario, new ScenarioHarness());
        List<String> lines = List.of(run.recordingText().split("\n"));
        assertThat(lines).allSatisfy(line -> assertThat(JSON.readTree(line).path("type").asString())
                .isIn("hello", "agent.update", "streams.event", "result"));
        assertThat(JSON.readTree(lines.get(0)).path("type").asString()).isEqualTo("hello");
        ScenarioHarness again = new ScenarioHarness();
        List<String> replayed = StreamsScenarioRunner.replay(lines, again.phones(),
                InProcessPage.connector(again.hub));
        StreamsScenarioRunner.compare(scenario.name() + " (replay)", scenario.replayExpected(), replayed);
    }
}
