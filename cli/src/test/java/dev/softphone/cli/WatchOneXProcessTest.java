package dev.softphone.cli;

import dev.softphone.testkit.onex.FakeOneXAgent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar softphone-cli.jar watch --plugin avaya-onex against a one-X Agent on loopback")
class WatchOneXProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    @DisplayName("prints the events of a live one-X Agent as JSON lines, then stops after --for seconds with exit 0")
    void watchOneX(@TempDir Path dir) throws Exception {
        try (FakeOneXAgent onex = FakeOneXAgent.start()) {
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process watch = new ProcessBuilder(List.of(java.toString(), "-jar", JarRun.jar().toString(), "watch",
                    "--plugin", "avaya-onex", "--set", "base-url=" + onex.baseUrl(), "--set", "poll-interval=100ms",
                    "--for", "25")).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            try {
                awaitTrue(() -> !onex.registeredClients().isEmpty(), "the watch registers with one-X");
                onex.incomingCall("+441234567890", "Ada", "Support");
                awaitTrue(() -> read(out).contains("\"type\":\"CallOffered\""), "the call appears on stdout");
                assertThat(watch.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("stops after --for").isTrue();
                assertThat(watch.exitValue()).as(read(err)).isZero();
                assertThat(read(out).lines()).allMatch(l -> l.startsWith("{\"type\":\""));
                assertThat(read(out)).contains("\"remote\":\"+441234567890\"");
                assertThat(read(err)).contains("watching avaya-onex as phone 'watch'");
            } finally {
                watch.destroyForcibly();
            }
        }
    }

    /** Waits for a condition on another process, with a deadline (there is no callback across processes). */
    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
