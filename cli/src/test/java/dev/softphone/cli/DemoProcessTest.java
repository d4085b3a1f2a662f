package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar softphone-cli.jar demo")
class DemoProcessTest {

    @Test
    @DisplayName("runs the whole shift from the shaded jar with no setup: timeline, queue_log, GA4 preview, exit 0")
    void demo() throws Exception {
        JarRun run = JarRun.of(null, "demo");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).as("no log noise on stderr").isEmpty();
        assertThat(run.out()).contains("AgentLoggedIn", "TransferCompleted", "NOT_READY(BREAK) -> NOT_READY(Lunch)",
                "AgentLoggedOut", "|AGENTLOGIN|", "|AGENTLOGOFF|", "GA4 Measurement Protocol preview");
        assertThat(run.out()).as("the same output as in process").isEqualTo(CliRun.of("demo").out());
    }

    @Test
    @DisplayName("--help and --version work from the jar")
    void helpAndVersion() throws Exception {
        JarRun help = JarRun.of(null, "demo", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: softphone demo");
        JarRun version = JarRun.of(null, "--version");
        assertThat(version.out()).startsWith("softphone-sdk 0.1.0");
    }
}
