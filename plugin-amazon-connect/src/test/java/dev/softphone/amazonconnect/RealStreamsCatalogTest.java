package dev.softphone.amazonconnect;

import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.testkit.amazon.StreamsScenario;
import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenario catalog, played through the real amazon-connect-streams library in Chromium instead of the in-process
 * page: the same {@code SimulatedCcp} steps, the same expected events. Where a scenario cannot pass through a real
 * page, the reason is listed in {@link #NOT_THROUGH_A_PAGE}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The Amazon Connect scenario catalog through the real amazon-connect-streams library in Chromium")
class RealStreamsCatalogTest {
    /** Scenarios that need something a page with the real library does differently, and why. */
    static final Map<String, String> NOT_THROUGH_A_PAGE = Map.of(
            "mute", "agent.mute() only tells the softphone media in the page; agent::mute_toggle comes from the "
                    + "softphone manager, which a page without WebRTC media does not run");

    private final StreamsBridgeHub hub = new StreamsBridgeHub();
    private RealStreamsPageConnector connector;
    private int played;

    @BeforeAll
    void start(@TempDir Path site, @TempDir Path logs) throws Exception {
        connector = new RealStreamsPageConnector(RealBrowser.require(), site, logs, hub);
    }

    @AfterAll
    void stop() throws Exception {
        if (connector == null) {
            return;
        }
        try {
            JsonNode browser = connector.finish();
            assertThat(browser.path("pageErrors").size()).as(browser.toString()).isZero();
            assertThat(browser.path("opened").asInt()).isEqualTo(played);
        } finally {
            connector.close();
        }
    }

    private Supplier<PhoneBuilder> phones() {
        return () -> Phone.builder().plugin(new AmazonConnectPlugin(hub)).executor(Runnable::run);
    }

    @TestFactory
    @DisplayName("every scenario gives the events it gives in process")
    Stream<DynamicTest> catalog() {
        return StreamsScenarioCatalog.all().stream()
                .filter(s -> !NOT_THROUGH_A_PAGE.containsKey(s.name()))
                .map(s -> DynamicTest.dynamicTest(s.name() + ": " + s.description(), () -> play(s)));
    }

    private void play(StreamsScenario scenario) {
        played++;
        StreamsScenarioRunner.Run run = StreamsScenarioRunner.run(scenario, phones(), connector);
        try {
            run.verify();
            assertThat(connector.standIn().problems()).isEmpty();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n--- conduit ---\n  " + String.join("\n  ",
                    connector.standIn().messages().stream().map(Object::toString).toList()), e);
        }
    }
}
