package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RoundTripLegs}: a round trip split at the page's log into the way out, the page's turn and the way back,
 * with requests going round-robin over the pages.
 */
@DisplayName("RoundTripLegs: where in a round trip the time went")
class RoundTripLegsTest {

    /**
     * Two pages log every request 100 µs after it was due and answer in 20 µs; the way back takes 30 µs, except for
     * request 5 (page 1's third entry), whose way back takes 900 µs and makes it the slowest 1%.
     */
    @Test
    @DisplayName("request k is entry k / pages of page k % pages; the slowest 1% shows the leg that made it slow")
    void splitsByPage() {
        int pages = 2;
        int count = 100;
        OpenLoop loop = new OpenLoop(1_000_000, 0, count);
        List<LoadPage.TurnLog> logs = List.of(new LoadPage.TurnLog(), new LoadPage.TurnLog());
        loop.runSlice(k -> { }, count, 0);
        for (int k = 0; k < count; k++) {
            long due = loop.intendedNanos(k);
            long received = due + 100_000; // 100 µs out
            long answered = received + 20_000; // 20 µs at the page
            logs.get(k % pages).add(received, answered);
        }
        for (int k = 0; k < count; k++) {
            long back = k == 5 ? 900_000 : 30_000;
            answerAt(loop, k, loop.intendedNanos(k) + 120_000 + back);
        }
        Map<String, Double> metrics = new LinkedHashMap<>();

        assertThat(RoundTripLegs.record("command", loop, logs, metrics)).isTrue();

        assertThat(metrics).containsEntry("bridge.commandOutP50Micros", 100.0)
                .containsEntry("bridge.commandPageP99Micros", 20.0)
                .containsEntry("bridge.commandBackP50Micros", 30.0)
                .containsEntry("bridge.commandBackTailMeanMicros", 900.0)
                .containsEntry("bridge.commandOutTailMeanMicros", 100.0);
    }

    @Test
    @DisplayName("splits nothing when a page logged other requests than were sent to it")
    void mismatchedLog() {
        OpenLoop loop = new OpenLoop(1_000_000, 0, 3);
        loop.runSlice(loop::answered, 3, 0);
        LoadPage.TurnLog log = new LoadPage.TurnLog();
        log.add(1, 2);
        Map<String, Double> metrics = new LinkedHashMap<>();

        assertThat(RoundTripLegs.record("echo", loop, List.of(log), metrics)).isFalse();
        assertThat(metrics).isEmpty();
    }

    /** Records request k as answered at {@code nanos}, as {@link OpenLoop#answered} does at the current time. */
    private static void answerAt(OpenLoop loop, int k, long nanos) {
        loop.answeredAt(k, nanos);
    }
}
