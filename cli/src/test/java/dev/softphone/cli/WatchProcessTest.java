package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("java -jar softphone-cli.jar watch")
class WatchProcessTest {

    @Test
    @DisplayName("watches a discovered plugin for the given seconds and exits 0")
    void watchFor() throws Exception {
        JarRun run = JarRun.of(null, "watch", "--plugin", "fake", "--for", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("watching fake as phone 'watch'");
    }

    @Test
    @DisplayName("an unknown plugin fails (exit 1) naming the plugins found; --for 0 is a usage error (exit 2)")
    void errors() throws Exception {
        JarRun unknown = JarRun.of(null, "watch", "--plugin", "no-such-plugin", "--for", "1");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("no softphone plugin has the id 'no-such-plugin'", "amazon-connect");
        assertThat(JarRun.of(null, "watch", "--plugin", "fake", "--for", "0").exitCode()).isEqualTo(2);
    }
}
