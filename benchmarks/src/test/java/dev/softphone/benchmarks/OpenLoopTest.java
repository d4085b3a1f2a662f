package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OpenLoop}: requests numbered in order, a warm-up left out of the figures, and a warm-up that can grow. */
@DisplayName("OpenLoop: an open-loop round-trip measurement in slices")
class OpenLoopTest {
    /** Fast enough that pacing takes microseconds; every request is answered as it starts. */
    private static final int RATE = 1_000_000;

    @Test
    @DisplayName("a grown warm-up is sent before the measured requests, which keep their number and are all recorded")
    void grownWarmup() {
        OpenLoop loop = new OpenLoop(RATE, 3, 4);
        List<Integer> started = new ArrayList<>();
        OpenLoop.Request answerAtOnce = k -> {
            started.add(k);
            loop.answered(k);
        };

        loop.runSlice(answerAtOnce, 3, 1_000);
        assertThat(loop.remainingWarmup()).isZero();
        loop.extendWarmup(2);
        assertThat(loop.remainingWarmup()).isEqualTo(2);
        assertThat(loop.remaining()).isEqualTo(6);
        loop.runSlice(answerAtOnce, 2, 1_000);
        loop.runSlice(answerAtOnce, 10, 1_000);

        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(loop.firstMeasured()).isEqualTo(5);
        assertThat(loop.measured()).isEqualTo(4);
        assertThat(loop.unanswered()).isZero();
        assertThat(loop.latencyNanos(8)).isNotNegative();
        assertThat(loop.quantileMicros(0.99)).isNotNaN();
    }

    @Test
    @DisplayName("refuses to grow the warm-up once a measured request was sent")
    void noGrowthAfterMeasuring() {
        OpenLoop loop = new OpenLoop(RATE, 1, 2);
        loop.runSlice(loop::answered, 2, 1_000);

        assertThatThrownBy(() -> loop.extendWarmup(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("measured requests have started");
    }

    @Test
    @DisplayName("refuses to grow the warm-up while an answer is still due, since answers write into its arrays")
    void noGrowthWithAnswersDue() {
        OpenLoop loop = new OpenLoop(RATE, 3, 2);
        loop.runSlice(k -> { }, 1, 0);

        assertThatThrownBy(() -> loop.extendWarmup(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answers are still due");
    }
}
