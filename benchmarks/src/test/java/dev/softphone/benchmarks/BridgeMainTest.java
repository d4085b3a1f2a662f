package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that benchmark 3's harness measures what it says, on a real loopback server with a few pages. It asserts
 * nothing about speed (that is for {@code benchmarks/run}), only that every snapshot and request is accounted for.
 */
@DisplayName("BridgeMain: benchmark 3 over a real loopback WebSocket, scaled down")
class BridgeMainTest {

    @Test
    @DisplayName("processes snapshots in process and through the socket, and every command and echo is answered")
    void everyPhaseAccountsForEverything() throws Exception {
        Map<String, Double> m = new BridgeMain(4, 2, 200, 0.6, Set.of("throughput", "latency"),
                Duration.ofSeconds(2)).run();

        assertThat(m.get("bridge.errors")).isZero();
        assertThat(m.get("bridge.inProcessSnapshotsPerSecond")).isPositive();
        assertThat(m.get("bridge.snapshotsPerSecond")).isPositive();
        assertThat(m.get("bridge.commands")).isEqualTo(120.0);
        assertThat(m.get("bridge.echoes")).isEqualTo(120.0);
        assertThat(m.get("bridge.commandFailures")).isZero();
        assertThat(m.get("bridge.echoFailures")).isZero();
        assertThat(m.get("bridge.commandP50Micros")).isPositive().isLessThanOrEqualTo(m.get("bridge.commandP99Micros"));
        assertThat(m.get("bridge.echoP50Micros")).isPositive().isLessThanOrEqualTo(m.get("bridge.echoP99Micros"));
        assertThat(m.get("bridge.commandBytes")).isGreaterThan(50.0);
        // the warm-up's timed turns need a window of 4 turns (about 4 x 2 x 0.25 s, less the first command slice
        // before the clock starts) before the JIT can count as quiet, and stop at the 2 s limit plus one turn
        assertThat(m.get("bridge.latencyWarmupSeconds")).isBetween(1.2, 2.0 + 2 * BridgeMain.LATENCY_SLICE_SECONDS
                + 1.0);
        // every request was split into its legs, each side's CPU was read
        for (String side : new String[] {"command", "echo"}) {
            for (String leg : new String[] {"Out", "Page", "Back"}) {
                assertThat(m).containsKey("bridge." + side + leg + "P99Micros");
            }
            assertThat(m.get("bridge." + side + "CpuMicrosPerRequest")).isPositive();
        }
    }

    @Test
    @DisplayName("refuses an unknown phase by name")
    void unknownPhase() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BridgeMain(1, 1, 1, 1, Set.of("speed")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("speed");
    }
}
