package dev.softphone.benchmarks;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SnapshotStream: a page's window of changed snapshots, counted when their events were delivered")
class SnapshotStreamTest {
    private static final AgentUpdates.Template[] TWO = {
            new AgentUpdates.Template("{\"type\":\"agent.update\",\"seq\":0,\"data\":{\"n\":1}}"),
            new AgentUpdates.Template("{\"type\":\"agent.update\",\"seq\":0,\"data\":{\"n\":2}}")};

    @Test
    @DisplayName("sends nothing before start, at most the window while nothing is processed, and nothing after stop")
    void window() {
        SnapshotStream s = new SnapshotStream(TWO, new int[] {1, 1}, 2, 5);
        assertThat(s.hasCredit()).isFalse();
        s.start();
        s.next();
        assertThat(s.hasCredit()).isTrue();
        s.next();
        assertThat(s.hasCredit()).isFalse();
        assertThat(s.eventDelivered()).isEqualTo(1);
        assertThat(s.hasCredit()).isTrue();
        s.stop();
        assertThat(s.hasCredit()).isFalse();
        assertThat(s.inFlight()).isEqualTo(1);
    }

    @Test
    @DisplayName("numbers messages on from the page's last seq and cycles through the pictures")
    void sequence() {
        SnapshotStream s = new SnapshotStream(TWO, new int[] {1, 1}, 3, 5);
        s.start();
        assertThat(new String(s.next(), StandardCharsets.UTF_8)).contains("\"seq\":6", "\"n\":1");
        assertThat(new String(s.next(), StandardCharsets.UTF_8)).contains("\"seq\":7", "\"n\":2");
        assertThat(new String(s.next(), StandardCharsets.UTF_8)).contains("\"seq\":8", "\"n\":1");
    }

    @Test
    @DisplayName("a snapshot that causes several events is processed only when the last of them was delivered")
    void severalEvents() {
        SnapshotStream s = new SnapshotStream(TWO, new int[] {2, 3}, 4, 0);
        s.start();
        s.next();
        s.next();
        assertThat(s.eventDelivered()).isZero();
        assertThat(s.eventDelivered()).isEqualTo(1);
        assertThat(s.eventDelivered()).isZero();
        assertThat(s.eventDelivered()).isZero();
        assertThat(s.eventDelivered()).isEqualTo(1);
        assertThat(s.inFlight()).isZero();
        assertThat(s.unexpectedEvents()).isZero();
        s.eventDelivered();
        assertThat(s.unexpectedEvents()).isEqualTo(1);
    }
}
