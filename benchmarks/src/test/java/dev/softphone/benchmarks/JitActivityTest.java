package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link JitActivity}: when the command-latency warm-up may stop, on a hand-driven clock and compile counter. */
@DisplayName("JitActivity: the warm-up ends when the JIT is done")
class JitActivityTest {
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong compileMillis = new AtomicLong();
    private final JitActivity jit = new JitActivity(nanos::get, compileMillis::get);

    /** Half a second passes (a turn of both sides) while the JIT compiles for {@code millis}. */
    private void turn(long millis) {
        nanos.addAndGet(500_000_000L);
        compileMillis.addAndGet(millis);
        jit.turnEnded();
    }

    @Test
    @DisplayName("is not quiet before it has seen a whole window of turns, however idle the JIT")
    void needsAWindow() {
        for (int i = 0; i < JitActivity.WINDOW - 1; i++) {
            turn(0);
            assertThat(jit.quiet()).isFalse();
        }
        turn(0);
        assertThat(jit.quiet()).isTrue();
    }

    @Test
    @DisplayName("stays busy while a late compilation falls inside the window, and is quiet once it left it")
    void lateCompilation() {
        for (int i = 0; i < JitActivity.WINDOW; i++) {
            turn(1);
        }
        assertThat(jit.quiet()).isTrue();
        assertThat(jit.lastMillisPerSecond()).isEqualTo(2.0);

        turn(300); // a C2 compilation of an outer command method, as seen 15-30 s into the old runs
        for (int i = 0; i < JitActivity.WINDOW - 1; i++) {
            assertThat(jit.quiet()).as("turn %d after it", i).isFalse();
            turn(1);
        }
        assertThat(jit.quiet()).isFalse();
        turn(1);
        assertThat(jit.quiet()).isTrue();
    }

    @Test
    @DisplayName("counts exactly the limit of compilation per second as quiet")
    void limitIsQuiet() {
        long perTurn = (long) (JitActivity.QUIET_MILLIS_PER_SECOND / 2);
        for (int i = 0; i < JitActivity.WINDOW; i++) {
            turn(perTurn);
        }
        assertThat(jit.quiet()).isTrue();
        turn(perTurn + 4);
        assertThat(jit.quiet()).isFalse();
    }

    @Test
    @DisplayName("has nothing to wait for where the JVM does not report compilation time")
    void unsupported() {
        assertThat(new JitActivity(nanos::get, null).quiet()).isTrue();
    }
}
