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
    /** Fast enough that pacing takes microseconds. */
    private static final int RATE = 1_000_000;

    @Test
    @DisplayName("a grown warm-up is sent before the measured requests, which are all recorded; a missing answer counts")
    void grownWarmup() {
        OpenLoop loop = new OpenLoop(RATE, 3, 4, 10);
        List<Integer> started = new ArrayList<>();
        OpenLoop.Request answerAllBut7 = k -> {
            started.add(k);
            if (k != 7) {
                loop.answered(k);
            }
        };

        loop.runSlice(answerAllBut7, 3, 1_000);
        assertThat(loop.remainingWarmup()).isZero();
        loop.extendWarmup(2);
        assertThat(loop.remainingWarmup()).isEqualTo(2);
        assertThat(loop.remaining()).isEqualTo(6);
        loop.runSlice(answerAllBut7, 2, 1_000);
        loop.runSlice(answerAllBut7, 10, 0);

        assertThat(started).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(loop.firstMeasured()).isEqualTo(5);
        assertThat(loop.measured()).isEqualTo(4);
        assertThat(loop.unanswered()).as("request 7, in what was spare room").isEqualTo(1);
        assertThat(loop.latencyNanos(7)).isEqualTo(-1);
        assertThat(loop.latencyNanos(8)).isNotNegative();
    }

    @Test
    @DisplayName("a warm-up answer that comes after the warm-up grew is kept, and is not a measured one")
    void lateWarmupAnswer() {
        OpenLoop loop = new OpenLoop(RATE, 2, 2, 4);
        loop.runSlice(k -> { }, 2, 0); // nothing answered yet
        loop.extendWarmup(1);
        loop.answered(0);
        loop.answered(1);
        loop.runSlice(loop::answered, 3, 1_000);

        assertThat(loop.latencyNanos(0)).isNotNegative();
        assertThat(loop.firstMeasured()).isEqualTo(3);
        assertThat(loop.unanswered()).isZero();
    }

    @Test
    @DisplayName("refuses to grow the warm-up once a measured request was sent")
    void noGrowthAfterMeasuring() {
        OpenLoop loop = new OpenLoop(RATE, 1, 2, 5);
        loop.runSlice(loop::answered, 2, 1_000);

        assertThatThrownBy(() -> loop.extendWarmup(1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("measured requests have started");
    }

    @Test
    @DisplayName("refuses to grow the warm-up beyond the spare room it was given")
    void noGrowthBeyondSpare() {
        OpenLoop loop = new OpenLoop(RATE, 1, 2, 3);
        loop.extendWarmup(2);

        assertThatThrownBy(() -> loop.extendWarmup(2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can grow by 1 more requests, not 2");
    }
}
