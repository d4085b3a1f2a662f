package dev.softphone.amazonconnect;

import dev.softphone.AgentState;
import dev.softphone.CallView;
import dev.softphone.Phone;
import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Bad bridge input never breaks the driver and never loses what it knew")
class BadInputProperties {
    /** A recording with two calls, holds and after-call work. */
    private static final List<String> RECORDING = recording();

    private static List<String> recording() {
        ScenarioHarness h = new ScenarioHarness();
        return StreamsScenarioRunner.run(StreamsScenarioCatalog.named("two-calls"), h.phones(),
                InProcessPage.connector(h.hub)).recording();
    }

    private record Known(AgentState state, List<CallView> calls) {
    }

    @Property(tries = 200)
    @Label("a message cut short is reported, skipped, and the phone's picture stays as it was")
    void truncated(@ForAll @IntRange(min = 1, max = 40) int linesBefore, @ForAll @IntRange(min = 0, max = 10_000)
            int cutAt) {
        ScenarioHarness h = new ScenarioHarness();
        try (Phone phone = h.phones().get().id("cut").build();
             InProcessPage page = InProcessPage.attach(h.hub, phone, json -> { })) {
            int n = Math.min(linesBefore, RECORDING.size() - 1);
            RECORDING.subList(0, n).forEach(page::fromPage);
            Known before = new Known(phone.agentState(), phone.calls());
            int problems = h.bad.problems.size();
            String next = RECORDING.get(n);
            page.fromPage(next.substring(0, cutAt % next.length()));
            assertThat(new Known(phone.agentState(), phone.calls())).isEqualTo(before);
            assertThat(h.bad.problems).hasSize(problems + 1);
            RECORDING.subList(n, RECORDING.size()).forEach(page::fromPage);
            // Processing went on: the recording ends with both calls cleared and the agent ready.
            assertThat(phone.calls()).isEmpty();
            assertThat(phone.agentState()).isEqualTo(AgentState.READY);
        }
    }

    @Property(tries = 200)
    @Label("any text is either used or reported; the driver never throws")
    void garbage(@ForAll("junk") String junk) {
        ScenarioHarness h = new ScenarioHarness();
        try (Phone phone = h.phones().get().id("junk").build();
             InProcessPage page = InProcessPage.attach(h.hub, phone, json -> { })) {
            RECORDING.subList(0, 4).forEach(page::fromPage);
            Known before = new Known(phone.agentState(), phone.calls());
            page.fromPage(junk);
            assertThat(new Known(phone.agentState(), phone.calls())).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of("{}", "[]", "null", "{\"type\":null}", "{\"type\":\"agent.update\",\"data\":[]}",
                        "{\"type\":\"agent.update\",\"data\":{\"snapshot\":null}}",
                        "{\"type\":\"streams.event\",\"name\":7}", "{\"type\":\"result\",\"id\":\"x\",\"ok\":\"yes\"}",
                        "{\"type\":\"hello\",\"protocol\":\"one\"}"),
                Arbitraries.strings().withChars("{}[]\":,0123456789abtrue").ofMaxLength(40));
    }
}
