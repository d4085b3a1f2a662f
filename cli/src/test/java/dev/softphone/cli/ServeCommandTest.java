package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("serve: the command's options and exit codes")
class ServeCommandTest {

    @Test
    @DisplayName("serve --port 0 --for 1 prints the page's address and the bridge's, then stops with exit 0")
    void servesForAWhile() {
        CliRun run = CliRun.of("serve", "--port", "0", "--for", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("open http://127\\.0\\.0\\.1:\\d+/")
                .containsPattern("paired over ws://127\\.0\\.0\\.1:\\d+/softphone/bridge");
    }

    @Test
    @DisplayName("a port in use is a failure (exit 1) that names the port")
    void portTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--port", String.valueOf(taken.getLocalPort()), "--for", "1");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("cannot serve on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    @DisplayName("--for 0 is a usage error (exit 2)")
    void badFor() {
        assertThat(CliRun.of("serve", "--for", "0").exitCode()).isEqualTo(2);
    }
}
