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
     * Two pages; the warm-up (3 requests, grown to 5) goes to them too, so measured request k is entry k / 2 of page
     * k % 2, not entry (k - 5) / 2. Every request is logged 100 µs after its start and answered in 20 µs; the way
     * back takes 30 µs, except for request 10 (page 0's sixth entry), whose way back takes 50 ms and makes it the
     * slowest of the 100 measured (the slowest 1%), however late the pacing thread was. Request 11's way out takes
     * 500 µs, a long leg in a shorter round trip, so it must not count in the tail.
     */
    @Test
    @DisplayName("request k is entry k / pages of page k % pages, warm-up included; the slowest 1% is by round trip")
    void splitsByPage() {
        int pages = 2;
        OpenLoop loop = new OpenLoop(1_000_000, 3, 100, 2);
        List<LoadPage.TurnLog> logs = List.of(new LoadPage.TurnLog(), new LoadPage.TurnLog());
        loop.runSlice(k -> { }, 3, 0);
        loop.extendWarmup(2);
        loop.runSlice(k -> { }, 102, 0);
        for (int k = 0; k < loop.sent(); k++) {
            long received = loop.startedNanos(k) + (k == 11 ? 500_000 : 100_000);
            logs.get(k % pages).add(received, received + 20_000);
            loop.answeredAt(k, received + 20_000 + (k == 10 ? 50_000_000 : 30_000));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();

        assertThat(RoundTripLegs.record("command", loop, logs, metrics)).isTrue();

        // request 10 alone is the slowest 1%: its lateness and its call are the tail's
        assertThat(metrics).containsEntry("bridge.commandLateTailMeanMicros",
                (loop.startedNanos(10) - loop.intendedNanos(10)) / 1e3);
        assertThat(metrics).containsEntry("bridge.commandCallTailMeanMicros",
                (loop.returnedNanos(10) - loop.startedNanos(10)) / 1e3);
        assertThat(metrics).containsEntry("bridge.commandOutP50Micros", 100.0)
                .containsEntry("bridge.commandPageP99Micros", 20.0)
                .containsEntry("bridge.commandBackP50Micros", 30.0)
                .containsEntry("bridge.commandBackTailMeanMicros", 50_000.0)
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
}
